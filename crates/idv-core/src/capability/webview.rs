//! Which WebView or in-app browser a user agent string belongs to.
//!
//! User agents lie and change; this is a heuristic for *advice* (open in the system browser,
//! expect a native host), never for security decisions. Known markers:
//! - Android System WebView: `; wv)` in the platform part (Android 5+), or `Version/x.y` together
//!   with `Chrome/` on Android (older WebViews).
//! - iOS `WKWebView` inside an app: an iPhone/iPad/iPod `AppleWebKit` agent without `Safari/`
//!   (Safari and `SFSafariViewController` add it) and without the `CriOS`/`FxiOS`/`EdgiOS`
//!   browser tokens.
//! - In-app browsers, by their tokens: Facebook (`FBAN`/`FBAV`/`FB_IAB`), Instagram, LinkedIn
//!   (`LinkedInApp`), Line (`Line/`), WeChat (`MicroMessenger`), TikTok (`BytedanceWebview`,
//!   `musical_ly`, `TikTok`), Snapchat, Twitter/X (`Twitter`), Pinterest.

use serde::Serialize;

/// The kind of embedded browser, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum WebViewKind {
    /// A regular browser (or one this heuristic does not know).
    None,
    /// Android System WebView in an app.
    AndroidWebView,
    /// `WKWebView` in an iOS app.
    IosWebView,
    /// A social or messaging app's in-app browser (it is also a WebView, with its own quirks:
    /// camera often blocked, no way to grant it).
    InAppBrowser(InAppBrowser),
}

/// Known in-app browsers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum InAppBrowser {
    Facebook,
    Instagram,
    LinkedIn,
    Line,
    WeChat,
    TikTok,
    Snapchat,
    Twitter,
    Pinterest,
}

const IN_APP: &[(&str, InAppBrowser)] = &[
    ("Instagram", InAppBrowser::Instagram),
    ("FBAN/", InAppBrowser::Facebook),
    ("FBAV/", InAppBrowser::Facebook),
    ("FB_IAB/", InAppBrowser::Facebook),
    ("LinkedInApp", InAppBrowser::LinkedIn),
    (" Line/", InAppBrowser::Line),
    ("MicroMessenger/", InAppBrowser::WeChat),
    ("BytedanceWebview", InAppBrowser::TikTok),
    ("musical_ly", InAppBrowser::TikTok),
    (" TikTok", InAppBrowser::TikTok),
    ("Snapchat", InAppBrowser::Snapchat),
    (" Twitter", InAppBrowser::Twitter),
    ("Pinterest/", InAppBrowser::Pinterest),
];

/// Classifies a `navigator.userAgent` string.
pub fn webview_kind(user_agent: &str) -> WebViewKind {
    if let Some((_, app)) = IN_APP.iter().find(|(token, _)| user_agent.contains(token)) {
        return WebViewKind::InAppBrowser(*app);
    }
    let android = user_agent.contains("Android");
    if android && (user_agent.contains("; wv)") || (user_agent.contains("Version/") && user_agent.contains("Chrome/"))) {
        return WebViewKind::AndroidWebView;
    }
    let ios = ["iPhone", "iPad", "iPod"].iter().any(|d| user_agent.contains(d));
    let browser_token = ["Safari/", "CriOS/", "FxiOS/", "EdgiOS/", "OPiOS/"].iter().any(|t| user_agent.contains(t));
    if ios && user_agent.contains("AppleWebKit") && !browser_token {
        return WebViewKind::IosWebView;
    }
    WebViewKind::None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_real_user_agents() {
        let table: &[(&str, WebViewKind)] = &[
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
                WebViewKind::None,
            ),
            (
                "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.71 Mobile Safari/537.36",
                WebViewKind::AndroidWebView,
            ),
            (
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
                WebViewKind::None,
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
                WebViewKind::IosWebView,
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
                WebViewKind::None,
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148",
                WebViewKind::None,
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 337.0.3.23.54 (iPhone14,5; iOS 17_5; en_US)",
                WebViewKind::InAppBrowser(InAppBrowser::Instagram),
            ),
            (
                "Mozilla/5.0 (Linux; Android 13; SM-S911B Build/TP1A; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/469.0.0.46.70;]",
                WebViewKind::InAppBrowser(InAppBrowser::Facebook),
            ),
            (
                "Mozilla/5.0 (Linux; Android 12; M2101K6G Build/SKQ1; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/86.0.4240.99 XWEB/4317 MMWEBSDK/20220903 Mobile Safari/537.36 MMWEBID/6294 MicroMessenger/8.0.28.2240(0x28001C35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64",
                WebViewKind::InAppBrowser(InAppBrowser::WeChat),
            ),
            (
                "Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/114.0.5735.196 Mobile Safari/537.36 trill_300401 BytedanceWebview/d8a21c6",
                WebViewKind::InAppBrowser(InAppBrowser::TikTok),
            ),
            ("", WebViewKind::None),
        ];
        for (ua, want) in table {
            assert_eq!(webview_kind(ua), *want, "{ua}");
        }
    }
}
