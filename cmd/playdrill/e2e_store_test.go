package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/boltdb"
)

// TestLockedDatabaseThroughTheBinary holds the database open in this
// process while the playdrill binary, a second process, tries to use it:
// each command fails with a message naming the file rather than hang. The
// bound is loose on purpose (a loaded machine is slow); a hang is minutes.
func TestLockedDatabaseThroughTheBinary(t *testing.T) {
	path := seedStore(t, 1)
	binary(t) // build before timing anything
	db, err := boltdb.Open(path, boltdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, args := range [][]string{{"doctor"}, {"backup", filepath.Join(t.TempDir(), "copy.db")}, {"drill", "--plain"}, {"report"}} {
		start := time.Now()
		_, errOut, code := runBinary(t, nil, args, "PLAYDRILL_DB="+path)
		took := time.Since(start)
		if code != 1 {
			t.Errorf("%v: exit %d, want 1", args, code)
		}
		if !strings.Contains(errOut, path) || !strings.Contains(errOut, "another playdrill") {
			t.Errorf("%v: stderr %q should name the file and say another playdrill uses it", args, errOut)
		}
		if took > 30*time.Second {
			t.Errorf("%v: took %v: it waits instead of failing", args, took)
		}
	}
}

// TestBackupThenDoctorThroughTheBinary runs the two commands as a user would.
func TestBackupThenDoctorThroughTheBinary(t *testing.T) {
	path := seedStore(t, 4)
	out := filepath.Join(t.TempDir(), "copy.db")
	if _, errOut, code := runBinary(t, nil, []string{"backup", out}, "PLAYDRILL_DB="+path); code != 0 {
		t.Fatalf("backup: exit %d, %s", code, errOut)
	}
	stdout, errOut, code := runBinary(t, nil, []string{"--db", out, "doctor"})
	if code != 0 || !strings.Contains(stdout, "attempts  4") || !strings.Contains(stdout, "healthy") {
		t.Fatalf("doctor on the copy: exit %d\n%s%s", code, stdout, errOut)
	}
}
