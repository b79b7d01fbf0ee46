package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// deletingReader serves first, then deletes path and serves rest: the rep
// answers a card, and the database is deleted before the next answer.
type deletingReader struct {
	first, rest io.Reader
	path        string
	deleted     bool
	t           *testing.T
}

func (r *deletingReader) Read(p []byte) (int, error) {
	if n, err := r.first.Read(p); n > 0 || err != io.EOF {
		return n, err
	}
	if !r.deleted {
		r.deleted = true
		if err := os.Remove(r.path); err != nil {
			r.t.Error(err)
		}
	}
	return r.rest.Read(p)
}

// A plain drill whose database is deleted mid-session stops at the next
// answer, says so, and names the recovery file that keeps every answer.
func TestPlainDrillTellsWhereAnswersAreKeptWhenDatabaseIsDeleted(t *testing.T) {
	db := filepath.Join(t.TempDir(), "progress.db")
	in := &deletingReader{first: strings.NewReader("my first answer\n\n"), rest: strings.NewReader("my second answer\n\n"), path: db, t: t}
	var out, errOut bytes.Buffer
	code := Main(context.Background(), []string{"drill", "--plain"}, Env{
		Stdin: in, Stdout: &out, Stderr: &errOut,
		Getenv: func(k string) string {
			return map[string]string{"PLAYDRILL_DB": db, "PLAYDRILL_REP": "tester"}[k]
		},
	})
	if code != exitFailure {
		t.Fatalf("exit %d, want 1; stderr %s", code, errOut.String())
	}
	msg := errOut.String()
	_, rest, ok := strings.Cut(msg, "answers kept in ")
	recovery, _, _ := strings.Cut(rest, ": ")
	if !strings.Contains(msg, "was deleted") || !ok {
		t.Fatalf("stderr does not say where the answers are: %q", msg)
	}
	report, stderr, rc := run(t, "", []string{"export", "--format", "jsonl"}, "PLAYDRILL_DB="+recovery)
	if rc != 0 || strings.Count(report, "\"type\":\"attempt\"") != 2 {
		t.Errorf("the recovery file should hold both answers: exit %d %s\n%s", rc, stderr, report)
	}
}
