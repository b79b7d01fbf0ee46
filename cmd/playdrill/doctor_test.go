package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/boltdb"
	"github.com/playdrill/playdrill/internal/playbook"
)

// seedStore makes a progress database holding n attempts by rep "ana".
func seedStore(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "progress.db")
	db, err := boltdb.Open(path, boltdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	at := time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		err := db.Record(playbook.Record{Attempt: playbook.Attempt{
			Rep: "ana", Card: "c1", Step: "discovery", At: at.Add(time.Duration(i) * time.Minute), Score: 1,
		}})
		if err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestDoctorHealthy(t *testing.T) {
	path := seedStore(t, 3)
	out, errOut, code := run(t, "", []string{"doctor"}, "PLAYDRILL_DB="+path)
	if code != 0 {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	for _, want := range []string{path, "schema    3", "reps      1", "attempts  3", "healthy"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestDoctorFlagNamesTheDatabase(t *testing.T) {
	path := seedStore(t, 1)
	out, _, code := run(t, "", []string{"--db", path, "doctor"})
	if code != 0 || !strings.Contains(out, path) {
		t.Fatalf("exit %d, output %q", code, out)
	}
}

func TestDoctorReportsAForeignFileAndLeavesIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.db")
	junk := bytes.Repeat([]byte("not a database\n"), 1000)
	if err := os.WriteFile(path, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, code := run(t, "", []string{"doctor"}, "PLAYDRILL_DB="+path)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, out)
	}
	if !strings.Contains(out, "not a playdrill database") || !strings.Contains(out, "1 problem found") {
		t.Errorf("report:\n%s", out)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, junk) {
		t.Error("doctor changed the file")
	}
}

func TestDoctorReportsAMissingDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nothing-here.db")
	_, errOut, code := run(t, "", []string{"doctor"}, "PLAYDRILL_DB="+path)
	if code != 1 || !strings.Contains(errOut, "no progress database at "+path) {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("doctor created the database")
	}
}

func TestDoctorTakesNoArguments(t *testing.T) {
	_, _, code := run(t, "", []string{"doctor", "extra"})
	if code != exitUsage {
		t.Fatalf("exit %d, want %d", code, exitUsage)
	}
}

// fullWriter fails every write, as a full disk does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// A report that could not be written is not a clean bill of health.
func TestDoctorFailsWhenItsReportCannotBeWritten(t *testing.T) {
	path := seedStore(t, 1)
	var errOut bytes.Buffer
	code := Main(context.Background(), []string{"doctor"}, Env{
		Stdin: strings.NewReader(""), Stdout: fullWriter{}, Stderr: &errOut,
		Getenv: func(k string) string {
			if k == "PLAYDRILL_DB" {
				return path
			}
			return ""
		},
	})
	if code != exitFailure || !strings.Contains(errOut.String(), "no space left on device") {
		t.Fatalf("exit %d, stderr %q; want exit 1 naming the write error", code, errOut.String())
	}
}
