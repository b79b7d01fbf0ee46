package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/playdrill/playdrill/internal/boltdb"
)

func TestBackupWritesAPrivateConsistentCopy(t *testing.T) {
	path := seedStore(t, 5)
	out := filepath.Join(t.TempDir(), "copy.db")
	stdout, errOut, code := run(t, "", []string{"backup", out}, "PLAYDRILL_DB="+path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(stdout, out) {
		t.Errorf("output %q does not name the copy", stdout)
	}
	info, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("copy mode %o, want 600", info.Mode().Perm())
	}
	rep, err := boltdb.Check(out, boltdb.Options{})
	if err != nil || !rep.Healthy() || rep.Attempts != 5 {
		t.Fatalf("the copy: %+v, %v", rep, err)
	}
	// Only the copy is left next to it: no temporary files.
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("%d files beside the copy, want none", len(entries)-1)
	}
}

func TestBackupRefusesToOverwriteWithoutForce(t *testing.T) {
	path := seedStore(t, 2)
	out := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(out, []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := run(t, "", []string{"backup", out}, "PLAYDRILL_DB="+path)
	if code != 1 || !strings.Contains(errOut, "already exists") || !strings.Contains(errOut, "--force") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if data, _ := os.ReadFile(out); string(data) != "precious" {
		t.Fatal("backup replaced the file without --force")
	}
	if _, errOut, code := run(t, "", []string{"backup", "--force", out}, "PLAYDRILL_DB="+path); code != 0 {
		t.Fatalf("--force: exit %d, %s", code, errOut)
	}
	if rep, err := boltdb.Check(out, boltdb.Options{}); err != nil || !rep.Healthy() || rep.Attempts != 2 {
		t.Fatalf("the forced copy: %+v, %v", rep, err)
	}
}

func TestBackupErrors(t *testing.T) {
	path := seedStore(t, 1)
	dir := t.TempDir()
	cases := []struct {
		name string
		args []string
		env  string
		code int
		says string
	}{
		{"no argument", []string{"backup"}, "PLAYDRILL_DB=" + path, exitUsage, "one argument"},
		{"two arguments", []string{"backup", "a", "b"}, "PLAYDRILL_DB=" + path, exitUsage, "one argument"},
		{"no database", []string{"backup", filepath.Join(dir, "x.db")}, "PLAYDRILL_DB=" + filepath.Join(dir, "none.db"), exitFailure, "no progress database"},
		{"missing folder", []string{"backup", filepath.Join(dir, "no", "such", "x.db")}, "PLAYDRILL_DB=" + path, exitFailure, "backup"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errOut, code := run(t, "", c.args, c.env)
			if code != c.code || !strings.Contains(errOut, c.says) {
				t.Fatalf("exit %d (want %d), stderr %q (want %q)", code, c.code, errOut, c.says)
			}
		})
	}
}
