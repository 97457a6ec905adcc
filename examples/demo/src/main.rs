//! `make demo`: starts a primary and a shadow upstream and a real Envoy (the configuration in
//! `envoy/demo.yaml`, the filter on the mirror cluster), sends every sample request
//! in `examples/requests/`, and prints what each upstream received, side by side. Everything
//! listens on 127.0.0.1 and is stopped before the demo exits.

use std::path::{Path, PathBuf};
use std::time::Duration;

use mirrorguard_harness::{EnvoyConfig, Mirror, Received, Request};

const COLUMN: usize = 60;
const WAIT: Duration = Duration::from_secs(5);

fn main() -> Result<(), String> {
    let root = mirrorguard_harness::repo_root();
    let samples = samples(&root.join("examples/requests"))?;
    let mirror = Mirror::start_with(EnvoyConfig::upstream_placement());
    println!(
        "mirrorguard demo: Envoy on {} mirrors every request to the shadow upstream; the\n\
         filter runs on the copy only (envoy/demo.yaml). Rows marked '≠' differ.\n",
        mirror.envoy.listener()
    );
    for path in samples {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let raw = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let request = Request::from_raw(&raw).map_err(|e| format!("{name}: {e}"))?;
        mirror.primary.clear();
        mirror.shadow.clear();
        let dropped_before = mirror.envoy.stat("mirrorguard.copies_dropped");
        let response = mirror.send(&request);
        let primary = mirror.primary.wait_for(1, WAIT).into_iter().next();
        let shadow = mirror
            .shadow
            .wait_for(1, Duration::from_millis(500))
            .into_iter()
            .next();
        println!(
            "━━ {name} ━━ client got {} {}",
            response.status,
            "━".repeat((2 * COLUMN).saturating_sub(name.len() + 24))
        );
        match (primary, shadow) {
            (Some(p), Some(s)) => side_by_side(&p, &s),
            (Some(p), None) => {
                let dropped =
                    mirror
                        .envoy
                        .wait_stat("mirrorguard.copies_dropped", dropped_before + 1, WAIT);
                let reason = drop_reasons(&mirror);
                side_by_side_dropped(&p, dropped > dropped_before, &reason);
            }
            _ => println!("the primary upstream received nothing (see Envoy's log)"),
        }
        println!();
    }
    let envoy = &mirror.envoy;
    println!(
        "filter counters: seen {}, rewritten {}, dropped {}, values redacted {}",
        envoy.stat("mirrorguard.requests_seen"),
        envoy.stat("mirrorguard.copies_rewritten"),
        envoy.stat("mirrorguard.copies_dropped"),
        envoy.stat("mirrorguard.values_redacted"),
    );
    Ok(())
}

fn samples(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "http"))
        .collect();
    files.sort();
    Ok(files)
}

fn drop_reasons(mirror: &Mirror) -> String {
    mirror
        .envoy
        .stats()
        .into_iter()
        .filter(|(n, v)| *v > 0 && n.contains("mirrorguard.copies_dropped_"))
        .filter_map(|(n, _)| n.split("copies_dropped_").nth(1).map(str::to_owned))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The request as lines: request line, headers, blank line, body lines.
fn lines(r: &Received) -> (String, Vec<(String, String)>, Vec<String>) {
    let first = format!("{} {}", r.method, r.path);
    let body = r.body_text().lines().map(str::to_owned).collect();
    (first, r.headers.clone(), body)
}

fn side_by_side(primary: &Received, shadow: &Received) {
    let (pl, ph, pb) = lines(primary);
    let (sl, sh, sb) = lines(shadow);
    row(
        "PRIMARY received (untouched)",
        "SHADOW received (after mirrorguard)",
        false,
    );
    row(&"─".repeat(COLUMN), &"─".repeat(COLUMN), false);
    row(&pl, &sl, pl != sl);
    let mut names: Vec<&str> = ph.iter().map(|(n, _)| n.as_str()).collect();
    for (n, _) in &sh {
        if !names.contains(&n.as_str()) {
            names.push(n);
        }
    }
    for name in names {
        let find = |hs: &[(String, String)]| {
            hs.iter()
                .find(|(n, _)| n == name)
                .map(|(n, v)| format!("{n}: {v}"))
                .unwrap_or_default()
        };
        let (l, r) = (find(&ph), find(&sh));
        row(&l, &r, l != r);
    }
    row("", "", false);
    for i in 0..pb.len().max(sb.len()) {
        let l = pb.get(i).cloned().unwrap_or_default();
        let r = sb.get(i).cloned().unwrap_or_default();
        row(&l, &r, l != r);
    }
}

fn side_by_side_dropped(primary: &Received, dropped: bool, reason: &str) {
    let (pl, ph, pb) = lines(primary);
    let verdict = if dropped {
        format!("copy DROPPED by mirrorguard ({reason})")
    } else {
        "no copy arrived".to_owned()
    };
    row("PRIMARY received (untouched)", "SHADOW received", false);
    row(&"─".repeat(COLUMN), &"─".repeat(COLUMN), false);
    let mut right = vec![verdict, "nothing was forwarded to the shadow".to_owned()].into_iter();
    row(&pl, &right.next().unwrap_or_default(), true);
    for (n, v) in &ph {
        row(
            &format!("{n}: {v}"),
            &right.next().unwrap_or_default(),
            false,
        );
    }
    for l in &pb {
        row(l, "", false);
    }
}

/// One row; long cells wrap onto continuation rows.
fn row(left: &str, right: &str, differs: bool) {
    let l = wrap(left);
    let r = wrap(right);
    for i in 0..l.len().max(r.len()) {
        let gutter = if differs && i == 0 { '≠' } else { '│' };
        let a = l.get(i).map_or("", String::as_str);
        let b = r.get(i).map_or("", String::as_str);
        println!("{a:<COLUMN$} {gutter} {b}");
    }
}

fn wrap(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return vec![String::new()];
    }
    chars.chunks(COLUMN).map(|c| c.iter().collect()).collect()
}
