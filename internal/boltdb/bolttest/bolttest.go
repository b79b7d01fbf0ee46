// Package bolttest opens progress databases for tests of any package: a
// fresh file in the test's temporary folder that is checked for
// consistency (every page, bbolt's own check) when the test ends, so a
// test that leaves the file damaged fails even if it never looks.
package bolttest

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/boltdb"
)

// Open opens a new database in t's temporary folder with opt (a fixed
// UTC clock at 2026-03-02 09:00 unless opt.Now is set), closed and
// checked at cleanup.
func Open(t testing.TB, opt boltdb.Options) *boltdb.DB {
	t.Helper()
	if opt.Now == nil {
		at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		opt.Now = func() time.Time { return at }
	}
	path := filepath.Join(t.TempDir(), "progress.db")
	db, err := boltdb.Open(path, opt)
	if err != nil {
		t.Fatalf("opening a test database: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Check(); err != nil {
			t.Errorf("the database is inconsistent at the end of the test: %v", err)
		}
		if err := db.Close(); err != nil {
			t.Errorf("closing the test database: %v", err)
		}
	})
	return db
}
