package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// scripts/build-with-playbook builds a binary with a company's own
// playbook inside, refuses one that does not lint clean, and leaves the
// working tree as it was.
func TestBuildWithPlaybook(t *testing.T) {
	if testing.Short() {
		t.Skip("builds playdrill twice")
	}
	script, err := filepath.Abs("../../scripts/build-with-playbook")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "good")
	if err := os.MkdirAll(good, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(good, "sales.md"), []byte(cleanPlaybook), 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := exec.Command("git", "status", "--porcelain").Output()

	out := filepath.Join(dir, "playdrill-acme")
	cmd := exec.Command(script, good, out)
	cmd.Env = append(os.Environ(), "PLAYDRILL_PLAYBOOK=")
	if log, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build-with-playbook: %v\n%s", err, log)
	}
	show := exec.Command(out, "lint")
	show.Env = append(os.Environ(), "PLAYDRILL_PLAYBOOK=")
	summary, err := show.CombinedOutput()
	if err != nil || !strings.Contains(string(summary), "1 process, 1 step, 2 cards") {
		t.Errorf("the built binary's own playbook: %v\n%s", err, summary)
	}

	bad := filepath.Join(dir, "bad")
	if err := os.MkdirAll(bad, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bad, "sales.md"), []byte("# Sales\n\nResult: nowhere\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	badOut := filepath.Join(dir, "playdrill-bad")
	cmd = exec.Command(script, bad, badOut)
	cmd.Env = append(os.Environ(), "PLAYDRILL_PLAYBOOK=")
	log, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(log), "no binary was written") {
		t.Errorf("a playbook with errors was built: %v\n%s", err, log)
	}
	if _, err := os.Stat(badOut); !os.IsNotExist(err) {
		t.Errorf("a binary was written for a bad playbook (%v)", err)
	}
	if after, _ := exec.Command("git", "status", "--porcelain").Output(); string(after) != string(before) {
		t.Errorf("the working tree changed:\nbefore %s\nafter %s", before, after)
	}
}
