#!/usr/bin/env bash
# Create (or reuse) .bench-venv in the repo root with agentguard and its two peers:
#   llm-guard (its Secrets input scanner) and Yelp's detect-secrets.
# Idempotent: an existing venv is reused and what is already installed is skipped.
#
# Two things need care:
# * torch: llm-guard requires a bare `torch`, which can resolve to a multi-GB CUDA build.
#   The CPU wheel (TORCH_SPEC) goes in first so that the requirement is already met.
# * detect_secrets: llm-guard depends on bc-detect-secrets (Bridgecrew's fork), which
#   installs the same import package `detect_secrets` as Yelp's detect-secrets. Installing
#   both into site-packages overwrites one with the other. So Yelp's goes into its own
#   folder, $VENV/peers/yelp-detect-secrets (pip --target, no deps: it needs only pyyaml
#   and requests, both already there), and bench_secrets.py swaps the two module trees.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${BENCH_VENV:-$ROOT/.bench-venv}"
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null 2>&1 || PY=python3

TORCH_SPEC="${TORCH_SPEC:-torch==2.13.0}"
LLM_GUARD_SPEC="${LLM_GUARD_SPEC:-llm-guard==0.3.16}"
DETECT_SECRETS_SPEC="${DETECT_SECRETS_SPEC:-detect-secrets==1.5.0}"
YELP_DIR="$VENV/peers/yelp-detect-secrets"

if [[ ! -x "$VENV/bin/python" ]]; then
  echo "[setup_peers] creating $VENV with $PY"
  "$PY" -m venv "$VENV"
else
  echo "[setup_peers] reusing $VENV"
fi
VPY="$VENV/bin/python"
PIP=("$VPY" -m pip --disable-pip-version-check)

have() {  # have DIST [PATH]: is distribution DIST installed (in PATH, else site-packages)?
  "$VPY" - "$@" <<'EOF' >/dev/null 2>&1
import importlib.metadata as md, sys
name, path = sys.argv[1], sys.argv[2:]
dists = md.distributions(path=path) if path else md.distributions()
sys.exit(0 if any(d.metadata["Name"].lower() == name.lower() for d in dists) else 1)
EOF
}

if ! have torch; then
  echo "[setup_peers] installing $TORCH_SPEC (CPU wheel)"
  "${PIP[@]}" install "$TORCH_SPEC"
fi
if ! have llm-guard; then
  echo "[setup_peers] installing $LLM_GUARD_SPEC"
  "${PIP[@]}" install "$TORCH_SPEC" "$LLM_GUARD_SPEC"
fi
# Repair a venv where Yelp's detect-secrets was installed over bc-detect-secrets.
if have detect-secrets; then
  echo "[setup_peers] detect-secrets in site-packages clobbers bc-detect-secrets; moving it"
  "${PIP[@]}" uninstall -y detect-secrets
  BC_VERSION="$("$VPY" -c 'import importlib.metadata as m; print(m.version("bc-detect-secrets"))')"
  "${PIP[@]}" install --force-reinstall --no-deps "bc-detect-secrets==$BC_VERSION"
fi
if ! have detect-secrets "$YELP_DIR"; then
  echo "[setup_peers] installing $DETECT_SECRETS_SPEC into $YELP_DIR"
  "${PIP[@]}" install --no-deps --target "$YELP_DIR" "$DETECT_SECRETS_SPEC"
  "${PIP[@]}" install pyyaml requests
fi
# agentguard itself, editable; re-run every time (quick) so new dependencies are picked up.
echo "[setup_peers] installing agentguard (editable)"
"${PIP[@]}" install -q -e "$ROOT"
"${PIP[@]}" check
echo "[setup_peers] done: $VENV"
