package boltdb

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
)

var (
	fuzzSeedOnce sync.Once
	fuzzSeed     []byte
)

// FuzzDamagedPage writes damage into one page of a real database and uses
// it as every command would: doctor's check, then opening it to read and to
// record an attempt. Whatever the damage, each step gives an error or a
// correct answer, never a panic or a fault; and a file doctor calls damaged
// is never written to.
func FuzzDamagedPage(f *testing.F) {
	fuzzSeedOnce.Do(func() { fuzzSeed = realDatabase(f, 120) })
	f.Add(uint16(0), uint16(16), []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	f.Add(uint16(2), uint16(0), []byte{0, 0, 0, 0, 0, 0, 0, 0x7f})
	f.Add(uint16(3), uint16(16), []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
	f.Add(uint16(4), uint16(24), []byte{3, 0, 0, 0, 0, 0, 0, 0})
	f.Add(uint16(5), uint16(100), []byte("some random text written over a value"))
	f.Fuzz(func(t *testing.T, page, offset uint16, damage []byte) {
		if len(damage) > 64 {
			damage = damage[:64]
		}
		data := bytes.Clone(fuzzSeed)
		const ps = 4096
		at := int(page)%(len(data)/ps)*ps + int(offset)%ps
		copy(data[at:min(len(data), at+len(damage))], damage)
		path := filepath.Join(t.TempDir(), "progress.db")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		rep, err := Check(path, Options{Timeout: time.Second})
		if err != nil {
			t.Fatalf("doctor could not look at the file: %v", err)
		}
		healthy := rep.Healthy()

		db, err := Open(path, Options{Timeout: time.Second, Now: fixedClock(t0)})
		if err == nil {
			// The disk's flush is not what is fuzzed: skip it, so that
			// thousands of files are tried in seconds.
			db.bolt.NoSync = true
			reps, _ := db.Reps()
			for _, r := range reps {
				_, _ = db.Totals(r)
				_, _ = db.States(r)
				_, _ = db.Completions(r)
				_ = db.Attempts(r, func(playbook.Attempt) error { return nil })
			}
			_, _ = db.Feedback()
			_ = db.Check()
			_, _ = db.Backup(filepath.Join(t.TempDir(), "copy.db"), false)
			a := attempt("fuzz-new", "ana", "card-1", t0.Add(1000*time.Hour))
			_ = db.Record(playbook.Record{Attempt: a})
			db.Close()
		}
		if !healthy {
			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(after, data) {
				t.Fatalf("a file doctor calls damaged (%v) was written to", rep.Problems)
			}
		}
	})
}
