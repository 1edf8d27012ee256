"""Tests of scripts/built_here.py on made-up dep-info files (nothing is built).

    python3 scripts/built_here_test.py      # scripts/test-all.sh runs it
"""

import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

SCRIPT = Path(__file__).with_name("built_here.py")
sys.path.insert(0, str(SCRIPT.parent))
import built_here  # noqa: E402


class BuiltHere(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        base = Path(self.tmp.name).resolve()
        self.root = base / "checkout"
        self.other = base / "worktree"
        (self.root / "target" / "release").mkdir(parents=True)
        self.binary = self.root / "target" / "release" / "suite"

    def tearDown(self):
        self.tmp.cleanup()

    def depinfo(self, *sources):
        escaped = " ".join(str(s).replace(" ", "\\ ") for s in sources)
        text = f"{self.binary}: {escaped}\n\n" + "".join(f"{s}:\n" for s in sources)
        self.binary.with_name("suite.d").write_text(text, encoding="utf-8")

    def run_script(self):
        return subprocess.run([sys.executable, str(SCRIPT), "--root", str(self.root), str(self.binary)],
                              capture_output=True, text=True)

    def test_a_binary_built_from_this_checkout_passes(self):
        self.depinfo(self.root / "benches/src/bin/suite.rs", self.root / "crates/okrkit/src/lib.rs")
        r = self.run_script()
        self.assertEqual((r.returncode, r.stderr), (0, ""))

    def test_a_source_from_another_checkout_is_named_and_fails(self):
        # What cargo leaves when it takes a worktree's build as current.
        self.depinfo(self.root / "benches/src/bin/suite.rs", self.other / "crates/okrkit/src/lib.rs")
        r = self.run_script()
        self.assertEqual(r.returncode, 1)
        self.assertIn(str(self.other / "crates/okrkit/src/lib.rs"), r.stderr)
        self.assertIn("outside this checkout", r.stderr)

    def test_a_path_that_climbs_out_of_the_checkout_fails(self):
        self.depinfo(self.root / "benches/../../worktree/src/lib.rs")
        self.assertEqual(self.run_script().returncode, 1)

    def test_a_missing_or_empty_dep_info_fails(self):
        r = self.run_script()
        self.assertEqual(r.returncode, 1)
        self.assertIn("no dep-info", r.stderr)
        self.binary.with_name("suite.d").write_text("\n", encoding="utf-8")
        self.assertIn("names no source", self.run_script().stderr)

    def test_escaped_spaces_are_one_path(self):
        self.assertEqual(built_here.sources("t: /a\\ b/c.rs /d.rs\n\n/a\\ b/c.rs:\n"), ["/a b/c.rs", "/d.rs"])
        self.depinfo(self.root / "dir with space/x.rs")
        self.assertEqual(self.run_script().returncode, 0)


if __name__ == "__main__":
    unittest.main()
