package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

func TestUsageErrorsExitTwo(t *testing.T) {
	for _, args := range [][]string{{"--bogus"}, {"no-such-command"}} {
		_, stderr, code := run(t, "", args)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
		if !strings.Contains(stderr, "playdrill:") {
			t.Errorf("%v: stderr %q lacks an error message", args, stderr)
		}
	}
}

func TestVersion(t *testing.T) {
	out, _, code := run(t, "", []string{"--version"})
	if code != 0 || !strings.Contains(out, "playdrill") {
		t.Fatalf("--version: exit %d, output %q", code, out)
	}
}

// A usage error points at the help of the command it is about.
func TestUsageHintNamesTheCommand(t *testing.T) {
	for _, tc := range []struct {
		args []string
		hint string
	}{
		{[]string{"report", "--format", "xml"}, "Run 'playdrill report --help' for usage."},
		{[]string{"drill", "--bogus"}, "Run 'playdrill drill --help' for usage."},
		{[]string{"report", "extra"}, "Run 'playdrill report --help' for usage."},
		{[]string{"bogus"}, "Run 'playdrill --help' for usage."},
	} {
		_, stderr, code := run(t, "", tc.args)
		if code != exitUsage || !strings.Contains(stderr, tc.hint) {
			t.Errorf("%v: exit %d, stderr %q; want the hint %q", tc.args, code, stderr, tc.hint)
		}
	}
}

// Exit codes come from where an error comes from, not from its words: an
// LRS refusal and a disk error that read like cobra's usage messages still
// exit 1 without the usage hint, while cobra's own parse errors exit 2.
func TestExitCodesComeFromErrorTypes(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "progress.db")
	seedRep(t, db, "alice", 2, seedStart)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"message":"invalid argument: accepts 1 arg(s), received 2; unknown flag --x"}`)
	}))
	defer srv.Close()
	_, stderr, code := run(t, "", []string{"export", "--lrs", srv.URL + "/xapi"},
		"PLAYDRILL_DB="+db, "PLAYDRILL_LRS_USER=u", "PLAYDRILL_LRS_KEY=k")
	if code != exitFailure || !strings.Contains(stderr, "accepts 1 arg") || strings.Contains(stderr, "for usage") {
		t.Errorf("LRS refusal: exit %d, stderr %q; want exit 1 with the LRS's words and no usage hint", code, stderr)
	}
	looksLikeUsage := filepath.Join(dir, "invalid argument", "accepts 2 args", "out.jsonl")
	_, stderr, code = run(t, "", []string{"export", "-o", looksLikeUsage}, "PLAYDRILL_DB="+db)
	if code != exitFailure || !strings.Contains(stderr, "invalid argument") || strings.Contains(stderr, "for usage") {
		t.Errorf("disk error: exit %d, stderr %q; want exit 1 and no usage hint", code, stderr)
	}
	for _, args := range [][]string{
		{"export", "--nope"},
		{"export", "--format"},
		{"report", "extra", "args"},
		{"show", "--width", "wide"},
		{"completion", "tcsh"},
		{"frobnicate"},
	} {
		_, stderr, code := run(t, "", args, "PLAYDRILL_DB="+db)
		if code != exitUsage || !strings.Contains(stderr, "--help") {
			t.Errorf("%v: exit %d, stderr %q; want a usage error", args, code, stderr)
		}
	}
}

// A day start that is not an hour is refused, naming the variable.
func TestBadDayStartIsRefused(t *testing.T) {
	db := filepath.Join(t.TempDir(), "progress.db")
	_, stderr, code := run(t, "", []string{"drill", "--plain"}, "PLAYDRILL_DB="+db, "PLAYDRILL_DAY_START=25")
	if code != exitFailure || !strings.Contains(stderr, "PLAYDRILL_DAY_START=\"25\": want the hour the day starts") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if _, _, code := run(t, ":q\n", []string{"drill", "--plain"}, "PLAYDRILL_DB="+db, "PLAYDRILL_DAY_START=6"); code != exitOK {
		t.Fatalf("PLAYDRILL_DAY_START=6: exit %d", code)
	}
}
