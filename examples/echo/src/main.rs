//! `mirrorguard-echo NAME [PORT]`: a recording upstream that prints every request it receives
//! as one JSON line on stdout. Used to try the Envoy configs in `envoy/` by hand.

use std::time::Duration;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_else(|| "upstream".to_owned());
    let upstream = mirrorguard_echo::Upstream::start(&name)?;
    eprintln!("{name} listening on {}", upstream.addr());
    let mut printed = 0;
    loop {
        let got = upstream.received();
        for request in got.iter().skip(printed) {
            let line = serde_json::json!({
                "upstream": name,
                "method": request.method,
                "path": request.path,
                "headers": request.headers,
                "body": request.body_text(),
            });
            println!("{line}");
        }
        printed = got.len();
        std::thread::sleep(Duration::from_millis(50));
    }
}
