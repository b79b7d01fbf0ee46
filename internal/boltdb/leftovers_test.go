package boltdb

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A database half made by a playdrill killed while creating it is removed
// the next time the database is opened for writing; a recent one, which
// may be another playdrill's in the making, is kept.
func TestLeftoversOfAKilledCreateAreRemoved(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "progress.db")
	old := filepath.Join(dir, ".progress.db.new-123")
	recent := filepath.Join(dir, ".progress.db.new-456")
	other := filepath.Join(dir, ".notes.new-789")
	for _, name := range []string{old, recent, other} {
		if err := os.WriteFile(name, []byte("half a database"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-time.Hour)
	for _, name := range []string{old, other} {
		if err := os.Chtimes(name, long, long); err != nil {
			t.Fatal(err)
		}
	}
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("the old leftover is still there: %v", err)
	}
	for _, name := range []string{recent, other} {
		if _, err := os.Stat(name); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(name), err)
		}
	}
}
