fn main() {
    leptos::mount::mount_to_body(idv_demo::App);
}
