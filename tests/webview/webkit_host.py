#!/usr/bin/python3
"""A real native WebView host for the bridge test: WebKitGTK (the engine of iOS's WKWebView family)
with a script message handler, as an iOS app registers one with
`userContentController.add(self, name: "idvCapture")`.

    xvfb-run -a /usr/bin/python3 tests/webview/webkit_host.py URL [HANDLER] [EXPECTED] [TIMEOUT_S]

Loads URL, prints every message the page posts to `webkit.messageHandlers.<HANDLER>` as one JSON
line `{"message": <string>}` on stdout, and exits 0 after EXPECTED messages (1 on timeout, 2 on a
load failure). Page console output and errors go to stderr.
"""
import json
import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402

url = sys.argv[1]
handler = sys.argv[2] if len(sys.argv) > 2 else "idvCapture"
expected = int(sys.argv[3]) if len(sys.argv) > 3 else 1
timeout_s = int(sys.argv[4]) if len(sys.argv) > 4 else 30
received = []
status = {"code": 1}

manager = WebKit2.UserContentManager()
manager.register_script_message_handler(handler)


def on_message(_manager, result):
    value = result.get_js_value()
    text = value.to_string() if value.is_string() else value.to_json(0)
    print(json.dumps({"message": text}), flush=True)
    received.append(text)
    if len(received) >= expected:
        status["code"] = 0
        Gtk.main_quit()


def on_load_failed(_view, _event, failing_uri, error):
    print(f"load failed: {failing_uri}: {error.message}", file=sys.stderr, flush=True)
    status["code"] = 2
    Gtk.main_quit()
    return True


def on_timeout():
    print(f"timeout after {timeout_s}s with {len(received)}/{expected} messages", file=sys.stderr, flush=True)
    Gtk.main_quit()
    return False


manager.connect(f"script-message-received::{handler}", on_message)
view = WebKit2.WebView.new_with_user_content_manager(manager)
settings = view.get_settings()
settings.set_enable_write_console_messages_to_stdout(False)
settings.set_enable_developer_extras(True)
view.connect("load-failed", on_load_failed)

window = Gtk.Window()
window.set_default_size(800, 600)
window.add(view)
window.show_all()
view.load_uri(url)
GLib.timeout_add_seconds(timeout_s, on_timeout)
Gtk.main()
sys.exit(status["code"])
