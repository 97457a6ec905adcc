//! A real Envoy process on loopback.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::config::EnvoyConfig;
use crate::TempDir;

/// How long Envoy may take to compile the module in V8 and become ready.
const READY_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug)]
pub struct Envoy {
    child: Child,
    admin: SocketAddr,
    listener: SocketAddr,
    log: PathBuf,
    _dir: TempDir,
}

/// Envoy did not come up; carries its log.
#[derive(Debug)]
pub struct StartError {
    pub exit_code: Option<i32>,
    pub log: String,
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Envoy did not become ready (exit {:?}); its log:\n{}",
            self.exit_code, self.log
        )
    }
}

impl Envoy {
    /// Starts Envoy and waits until it is ready; on failure returns its log.
    pub fn start(config: &EnvoyConfig) -> Result<Self, StartError> {
        let dir = TempDir::new("mirrorguard-envoy");
        let config_path = dir.path().join("envoy.yaml");
        let admin_path = dir.path().join("admin-address");
        let log = dir.path().join("envoy.log");
        std::fs::write(&config_path, config.to_yaml()).expect("write Envoy config");
        let log_file = std::fs::File::create(&log).expect("create Envoy log");
        let child = Command::new(crate::envoy_bin())
            .arg("-c")
            .arg(&config_path)
            .arg("--admin-address-path")
            .arg(&admin_path)
            .args(["--disable-hot-restart", "--log-level", "info"])
            .arg("--concurrency")
            .arg(config.concurrency().to_string())
            .envs(config.process_env_vars().iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().expect("dup log"))
            .stderr(log_file)
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", crate::envoy_bin().display()));
        let mut envoy = Self {
            child,
            admin: SocketAddr::from(([127, 0, 0, 1], 0)),
            listener: SocketAddr::from(([127, 0, 0, 1], 0)),
            log,
            _dir: dir,
        };
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            if let Ok(Some(status)) = envoy.child.try_wait() {
                return Err(StartError {
                    exit_code: status.code(),
                    log: envoy.log(),
                });
            }
            if Instant::now() > deadline {
                return Err(StartError {
                    exit_code: None,
                    log: envoy.log(),
                });
            }
            if let Some(admin) = std::fs::read_to_string(&admin_path)
                .ok()
                .and_then(|a| a.trim().parse().ok())
            {
                envoy.admin = admin;
                if envoy
                    .admin_get("/ready")
                    .is_ok_and(|(status, _)| status == 200)
                {
                    if let Some(listener) = envoy.first_listener() {
                        envoy.listener = listener;
                        return Ok(envoy);
                    }
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Runs Envoy on a config expected to be rejected; returns its exit code and log.
    pub fn expect_rejected(config: &EnvoyConfig) -> StartError {
        match Self::start(config) {
            Ok(envoy) => panic!(
                "Envoy accepted a config it should reject; log:\n{}",
                envoy.log()
            ),
            Err(e) => e,
        }
    }

    pub fn listener(&self) -> SocketAddr {
        self.listener
    }

    pub fn admin(&self) -> SocketAddr {
        self.admin
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn first_listener(&self) -> Option<SocketAddr> {
        self.listeners().into_iter().next().map(|(_, addr)| addr)
    }

    /// Every listener Envoy has bound, by name, in configuration order.
    pub fn listeners(&self) -> Vec<(String, SocketAddr)> {
        let Some(json) = self
            .admin_get("/listeners?format=json")
            .ok()
            .and_then(|(_, body)| serde_json::from_slice::<serde_json::Value>(&body).ok())
        else {
            return Vec::new();
        };
        let statuses = json
            .get("listener_statuses")
            .and_then(serde_json::Value::as_array)
            .cloned()
            .unwrap_or_default();
        statuses
            .iter()
            .filter_map(|status| {
                let name = status.get("name")?.as_str()?.to_owned();
                let addr = status.get("local_address")?.get("socket_address")?;
                let ip = addr.get("address")?.as_str()?.parse().ok()?;
                let port = u16::try_from(addr.get("port_value")?.as_u64()?).ok()?;
                (port != 0).then(|| (name, SocketAddr::new(ip, port)))
            })
            .collect()
    }

    /// The address of the listener called `name`.
    pub fn listener_named(&self, name: &str) -> SocketAddr {
        self.listeners()
            .into_iter()
            .find(|(n, _)| n == name)
            .map(|(_, addr)| addr)
            .unwrap_or_else(|| panic!("Envoy has no listener `{name}`"))
    }

    /// A GET on the admin API over HTTP/1.1 (the admin answers 1.0 with "Upgrade Required").
    pub fn admin_get(&self, path: &str) -> std::io::Result<(u16, Vec<u8>)> {
        let mut stream = TcpStream::connect(self.admin)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nhost: admin\r\nconnection: close\r\n\r\n"
        )?;
        let response = crate::client::Response::read(&mut stream)?;
        Ok((response.status, response.body))
    }

    /// A POST on the admin API (e.g. `/reset_counters`).
    pub fn admin_post(&self, path: &str) -> std::io::Result<u16> {
        let mut stream = TcpStream::connect(self.admin)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        write!(
            stream,
            "POST {path} HTTP/1.1\r\nhost: admin\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
        )?;
        let mut buf = Vec::new();
        let _ = stream.read_to_end(&mut buf);
        Ok(crate::client::Response::read(&mut buf.as_slice())?.status)
    }

    /// Every counter and gauge, by name.
    pub fn stats(&self) -> BTreeMap<String, u64> {
        let (_, body) = self.admin_get("/stats").expect("read Envoy stats");
        String::from_utf8_lossy(&body)
            .lines()
            .filter_map(|line| {
                let (name, value) = line.split_once(": ")?;
                Some((name.to_owned(), value.trim().parse().ok()?))
            })
            .collect()
    }

    /// The value of the first stat whose name ends with `suffix` (Envoy prefixes Wasm
    /// metrics), 0 if there is none yet.
    pub fn stat(&self, suffix: &str) -> u64 {
        self.stats()
            .iter()
            .find(|(n, _)| n.ends_with(suffix))
            .map_or(0, |(_, v)| *v)
    }

    /// Waits until the stat ending with `suffix` reaches `at_least`; returns its value.
    pub fn wait_stat(&self, suffix: &str, at_least: u64, timeout: Duration) -> u64 {
        let deadline = Instant::now() + timeout;
        loop {
            let v = self.stat(suffix);
            if v >= at_least || Instant::now() > deadline {
                return v;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Process id, for memory and CPU readings.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Memory and sockets of the Envoy process now (Linux `/proc`).
    pub fn process(&self) -> std::io::Result<crate::process::ProcessSample> {
        crate::process::ProcessSample::read(self.pid())
    }
}

impl Drop for Envoy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            eprintln!(
                "---- Envoy log ----\n{}\n---- end of Envoy log ----",
                self.log()
            );
        }
    }
}
