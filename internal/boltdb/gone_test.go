package boltdb

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
)

// attemptsIn opens the database at path read-only and returns ana's
// attempt ids.
func attemptsIn(t *testing.T, path string) []string {
	t.Helper()
	db, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ids []string
	if err := db.Attempts("ana", func(a playbook.Attempt) error { ids = append(ids, a.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	return ids
}

// When the database file is deleted or replaced while a session has it
// open, the next commit says so at once and the session's answers, with the
// rest of the file, are kept in a recovery file the error names; a file put
// in its place is left alone. So too when the session locks the file
// only for each transaction (Shared) and keeps it open in between.
func TestDatabaseDeletedOrReplacedKeepsAnswersInRecoveryFile(t *testing.T) {
	for _, c := range []struct {
		how    string
		shared bool
	}{{"deleted", false}, {"replaced by another file", false}, {"deleted", true}, {"replaced by another file", true}} {
		how := c.how
		t.Run(fmt.Sprintf("%s, shared %v", how, c.shared), func(t *testing.T) {
			db, path := openTest(t)
			if c.shared {
				path = filepath.Join(t.TempDir(), "progress.db")
				var err error
				if db, err = Open(path, Options{Now: fixedClock(t0), Shared: true}); err != nil {
					t.Fatal(err)
				}
				defer db.Close()
			}
			if err := db.Record(playbook.Record{Attempt: attempt("before", "ana", "c1", t0)}); err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			var replacement []byte
			if how != "deleted" {
				other := filepath.Join(t.TempDir(), "other.db")
				o, err := Open(other, Options{})
				if err != nil {
					t.Fatal(err)
				}
				o.Close()
				if replacement, err = os.ReadFile(other); err != nil {
					t.Fatal(err)
				}
				if err := os.Rename(other, path); err != nil {
					t.Fatal(err)
				}
			}
			err := db.Record(playbook.Record{Attempt: attempt("after", "ana", "c1", t0.Add(time.Minute))})
			if err == nil || !strings.Contains(err.Error(), "was "+how) {
				t.Fatalf("got %v, want an error saying the file was %s", err, how)
			}
			_, rest, ok := strings.Cut(err.Error(), "answers kept in ")
			recovery, _, _ := strings.Cut(rest, ": ")
			if !ok || filepath.Dir(recovery) != filepath.Dir(path) {
				t.Fatalf("the error names no recovery file next to the database: %v", err)
			}
			if got := attemptsIn(t, recovery); strings.Join(got, ",") != "before,after" {
				t.Errorf("recovery file holds %v, want before and after", got)
			}
			if info, err := os.Stat(recovery); err != nil || info.Mode().Perm() != 0o600 {
				t.Errorf("recovery file: %v %v", info, err)
			}
			// Later answers are refused with the same news, not lost.
			if err2 := db.Record(playbook.Record{Attempt: attempt("later", "ana", "c1", t0.Add(2*time.Minute))}); err2 == nil || err2.Error() != err.Error() {
				t.Errorf("a later answer: %v", err2)
			}
			if how != "deleted" {
				now, err := os.ReadFile(path)
				if err != nil || string(now) != string(replacement) {
					t.Errorf("the file put in place was changed (%v)", err)
				}
			} else if _, err := os.Stat(path); !os.IsNotExist(err) {
				t.Errorf("a database was made again at the deleted path: %v", err)
			}
		})
	}
}
