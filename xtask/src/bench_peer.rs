//! The peer bundle `bench size` prints beside Chorus's (#16): what a React app that plays
//! Spotify in the browser ships before its own code, React 19 + react-dom +
//! `react-spotify-web-playback`, bundled and minified by esbuild. Pinned npm versions,
//! installed into `target/peer-bundle/` (npm's lock file there pins the transitive ones after
//! the first install). Not counted, like Chorus's own figures: the Web Playback SDK script
//! both load from Spotify at run time.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result};

use crate::{paths, run, tools::ESBUILD_VERSION};

const REACT_VERSION: &str = "19.3.1";
const PLAYBACK_VERSION: &str = "0.14.7";

/// The smallest app that shows the peer's player: everything the bundle pulls in is what a
/// visitor downloads before the app's own code.
const ENTRY: &str = r#"import { createElement } from "react";
import { createRoot } from "react-dom/client";
import SpotifyPlayer from "react-spotify-web-playback";
createRoot(document.getElementById("root")).render(
  createElement(SpotifyPlayer, { token: "", uris: [] }),
);
"#;

fn dir() -> PathBuf {
    paths::root().join("target").join("peer-bundle")
}

/// Installs the pinned packages when missing and bundles them; returns the minified bundle.
pub fn build() -> Result<PathBuf> {
    let dir = dir();
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let esbuild = dir.join("node_modules").join(".bin").join("esbuild");
    let installed = dir
        .join("node_modules")
        .join("react-spotify-web-playback")
        .join("package.json")
        .is_file()
        && run::output(Command::new(&esbuild).arg("--version")).as_deref() == Some(ESBUILD_VERSION);
    if !installed {
        run::step(
            "install the peer bundle's npm packages",
            Command::new("npm")
                .args([
                    "install",
                    "--no-audit",
                    "--no-fund",
                    "--save-exact",
                    "--prefix",
                ])
                .arg(&dir)
                .arg(format!("react@{REACT_VERSION}"))
                .arg(format!("react-dom@{REACT_VERSION}"))
                .arg(format!("react-spotify-web-playback@{PLAYBACK_VERSION}"))
                .arg(format!("esbuild@{ESBUILD_VERSION}")),
        )?;
    }
    let entry = dir.join("entry.js");
    std::fs::write(&entry, ENTRY).with_context(|| format!("writing {}", entry.display()))?;
    let bundle = dir.join("peer.min.js");
    run::step(
        "bundle the peer (esbuild --minify)",
        Command::new(&esbuild)
            .arg(&entry)
            .args([
                "--bundle",
                "--minify",
                "--format=esm",
                "--log-level=warning",
                "--define:process.env.NODE_ENV=\"production\"",
            ])
            .arg(format!("--outfile={}", bundle.display()))
            .current_dir(&dir),
    )?;
    Ok(bundle)
}
