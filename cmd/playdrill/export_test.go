package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestExportUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--format", "xml"}, `--format "xml"`},
		{[]string{"export", "--format", "csv", "--lrs", "https://lrs.example.com/xapi"}, "--lrs sends xAPI"},
		{[]string{"export", "--lrs", "lrs.example.com"}, "http(s) address"},
		{[]string{"export", "--lrs", "https://u:p@lrs.example.com"}, "PLAYDRILL_LRS_USER"},
		{[]string{"export", "--format", "xapi", "--home-page", "not a url"}, "--home-page"},
		{[]string{"export", "--lrs", "https://u:hunter2@lrs example.com/xapi"}, "http(s) address"},
		{[]string{"export", "--lrs", "https://u:hunter2@[::1/xapi"}, "http(s) address"},
		{[]string{"export", "--lrs", "https://lrs.example.com/xapi", "--timeout", "0s"}, "--timeout"},
	} {
		_, stderr, code := run(t, "", c.args)
		if strings.Contains(stderr, "hunter2") {
			t.Errorf("%v: the password is shown: %q", c.args, stderr)
		}
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 mentioning %q", c.args, code, stderr, c.want)
		}
	}
}

func TestExportLRSNeedsCredentials(t *testing.T) {
	for _, env := range [][]string{nil, {"PLAYDRILL_LRS_USER=u"}, {"PLAYDRILL_LRS_KEY=k"}} {
		_, stderr, code := run(t, "", []string{"export", "--lrs", "https://lrs.example.com/xapi"}, env...)
		if code != exitFailure || !strings.Contains(stderr, "PLAYDRILL_LRS_USER and PLAYDRILL_LRS_KEY") {
			t.Errorf("env %v: exit %d, stderr %q", env, code, stderr)
		}
	}
}

func TestExportFormats(t *testing.T) {
	db := filepath.Join(t.TempDir(), "progress.db")
	n := seedRep(t, db, "alice", 6, seedStart)
	env := "PLAYDRILL_DB=" + db

	out, _, code := run(t, "", []string{"export", "--format", "jsonl"}, env)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	attempts := 0
	for i, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if m["type"] == "attempt" {
			attempts++
			for _, k := range []string{"id", "rep", "card", "step", "kind", "at", "response", "score", "suggested", "rating", "cram", "hash"} {
				if _, ok := m[k]; !ok {
					t.Errorf("line %d lacks %s", i+1, k)
				}
			}
		}
	}
	if code != 0 || attempts != n {
		t.Errorf("jsonl: exit %d, %d attempt lines, want %d", code, attempts, n)
	}

	out, _, code = run(t, "", []string{"export", "--format", "csv"}, env)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(rows) != 1+len(lines) || rows[0][1] != "id" {
		t.Errorf("csv: exit %d, err %v, %d rows for %d records", code, err, len(rows), len(lines))
	}

	out, _, code = run(t, "", []string{"export", "--format", "xapi", "--home-page", "https://lms.example.com"}, env)
	var statements []map[string]any
	if err := json.Unmarshal([]byte(out), &statements); code != 0 || err != nil {
		t.Fatalf("xapi: exit %d, %v", code, err)
	}
	if len(statements) < 2*n {
		t.Errorf("%d statements for %d attempts", len(statements), n)
	}
	if !strings.Contains(out, `"homePage":"https://lms.example.com"`) {
		t.Error("--home-page not used")
	}
}

func TestExportToLRS(t *testing.T) {
	db := filepath.Join(t.TempDir(), "progress.db")
	n := seedRep(t, db, "alice", 4, seedStart)
	var mu sync.Mutex
	received, fails := 0, 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		user, key, ok := r.BasicAuth()
		if !ok || user != "u" || key != "k" || r.Header.Get("X-Experience-API-Version") != "1.0.3" || r.URL.Path != "/xapi/statements" {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"message":"bad credentials or headers"}`)
			return
		}
		if fails < 1 {
			fails++
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		var batch []map[string]any
		if err := json.NewDecoder(r.Body).Decode(&batch); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"message":"not a statement array"}`)
			return
		}
		received += len(batch)
		ids := []any{}
		for _, st := range batch {
			ids = append(ids, st["id"])
		}
		json.NewEncoder(w).Encode(ids)
	}))
	defer srv.Close()
	env := []string{"PLAYDRILL_DB=" + db, "PLAYDRILL_LRS_USER=u", "PLAYDRILL_LRS_KEY=k"}
	out, stderr, code := run(t, "", []string{"export", "--lrs", srv.URL + "/xapi"}, env...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if out != "" || received < 2*n || !strings.Contains(stderr, fmt.Sprintf("sent %d xAPI statements", received)) || !strings.Contains(stderr, "placeholder home page") {
		t.Errorf("stdout %q, stderr %q, LRS received %d", out, stderr, received)
	}

	// A second push has nothing new; after more drilling, only the new.
	first := received
	if _, stderr, code = run(t, "", []string{"export", "--lrs", srv.URL + "/xapi/"}, env...); code != 0 || !strings.Contains(stderr, "nothing new to send") || received != first {
		t.Errorf("second push: exit %d, stderr %q, LRS received %d more", code, stderr, received-first)
	}
	seedRep(t, db, "bob", 2, seedStart.Add(48*time.Hour))
	if _, stderr, code = run(t, "", []string{"export", "--lrs", srv.URL + "/xapi"}, env...); code != 0 || received-first != 4 {
		t.Errorf("push after 2 more attempts: exit %d, stderr %q, LRS received %d more, want their 4 statements", code, stderr, received-first)
	}
	if _, stderr, code = run(t, "", []string{"export", "--lrs", srv.URL + "/xapi", "--all"}, env...); code != 0 || received != 2*first+8 {
		t.Errorf("--all: exit %d, stderr %q, LRS received %d in all, want %d", code, stderr, received, 2*first+8)
	}
	// Under another home page the records are other statements: all go.
	before := received
	if _, stderr, code = run(t, "", []string{"export", "--lrs", srv.URL + "/xapi", "--home-page", "https://other.example.com"}, env...); code != 0 || received-before != first+4 {
		t.Errorf("another home page: exit %d, stderr %q, LRS received %d more, want %d", code, stderr, received-before, first+4)
	}

	_, stderr, code = run(t, "", []string{"export", "--lrs", srv.URL + "/xapi", "--all"}, "PLAYDRILL_DB="+db, "PLAYDRILL_LRS_USER=u", "PLAYDRILL_LRS_KEY=wrong")
	if code != exitFailure || !strings.Contains(stderr, "bad credentials or headers") {
		t.Errorf("refused: exit %d, stderr %q", code, stderr)
	}
}

// An output file that is the database, under its own name or another,
// is refused and the database keeps every record; a folder or a missing
// folder as output is named plainly.
func TestExportAndBackupNeverWriteOverTheDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "progress.db")
	if _, stderr, code := run(t, "x\n3\n:q\n", []string{"drill", "--plain"}, "PLAYDRILL_DB="+db); code != exitOK {
		t.Fatalf("drill: exit %d, %s", code, stderr)
	}
	other := filepath.Join(dir, "other-name.db")
	if err := os.Link(db, other); err != nil {
		t.Fatalf("linking the database under another name: %v", err)
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"export", "--format", "jsonl", "-o", db}, exitUsage, "-o " + db + " is the progress database itself"},
		{[]string{"export", "--format", "csv", "-o", other}, exitUsage, "is the progress database itself"},
		{[]string{"backup", "--force", other}, exitUsage, other + " is the progress database itself"},
		{[]string{"export", "--format", "jsonl", "-o", dir}, exitFailure, "writing " + dir + ": it is a folder"},
		{[]string{"export", "--format", "jsonl", "-o", filepath.Join(dir, "no", "x.jsonl")}, exitFailure, "there is no folder " + filepath.Join(dir, "no")},
		{[]string{"backup", "--force", dir}, exitFailure, "backup " + dir + ": it is a folder"},
		{[]string{"backup", filepath.Join(dir, "no", "x.db")}, exitFailure, "there is no folder " + filepath.Join(dir, "no")},
	} {
		_, stderr, code := run(t, "", c.args, "PLAYDRILL_DB="+db)
		if code != c.code || !strings.Contains(stderr, c.want) || strings.Contains(stderr, "exported") || strings.Contains(stderr, ".tmp-") {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", c.args, code, stderr, c.code, c.want)
		}
	}
	after, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Fatal("the database changed")
	}
	if _, stderr, code := run(t, "", []string{"doctor"}, "PLAYDRILL_DB="+db); code != exitOK {
		t.Fatalf("doctor after the refusals: exit %d, %s", code, stderr)
	}
}

// An LRS that never answers is given up at --timeout, with exit 1.
func TestExportToHangingLRSTimesOut(t *testing.T) {
	db := filepath.Join(t.TempDir(), "progress.db")
	seedRep(t, db, "alice", 2, seedStart)
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	start := time.Now()
	_, stderr, code := run(t, "", []string{"export", "--lrs", srv.URL + "/xapi", "--timeout", "500ms"},
		"PLAYDRILL_DB="+db, "PLAYDRILL_LRS_USER=u", "PLAYDRILL_LRS_KEY=k")
	if code != exitFailure || !strings.Contains(stderr, "did not answer in time") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	// Without --timeout the push would wait its default 5 minutes.
	if took := time.Since(start); took > time.Minute {
		t.Errorf("gave up after %v, not at the 500ms asked for", took)
	}
}

// export -o writes over an earlier export, asks for --force before
// replacing any other file, and never writes over a database, such as a
// backup, even with --force.
func TestExportOutputReplacesOnlyItsOwnFiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "progress.db")
	seedRep(t, db, "alice", 2, seedStart)
	env := "PLAYDRILL_DB=" + db
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("my notes\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "backup.db")
	if _, stderr, code := run(t, "", []string{"backup", backup}, env); code != exitOK {
		t.Fatalf("backup: %s", stderr)
	}
	backupBytes, _ := os.ReadFile(backup)
	for _, format := range []string{"jsonl", "csv", "xapi"} {
		out := filepath.Join(dir, "out."+format)
		for range 2 { // the second export writes over the first
			if _, stderr, code := run(t, "", []string{"export", "--format", format, "-o", out}, env); code != exitOK {
				t.Fatalf("export %s over an earlier export: exit %d, %s", format, code, stderr)
			}
		}
		_, stderr, code := run(t, "", []string{"export", "--format", format, "-o", notes}, env)
		if code != exitFailure || !strings.Contains(stderr, "already exists and is not a playdrill export; use --force") {
			t.Fatalf("export %s over notes: exit %d, %s", format, code, stderr)
		}
		if b, _ := os.ReadFile(notes); string(b) != "my notes\n" {
			t.Fatalf("export replaced a file it did not write: %q", b)
		}
		for _, force := range [][]string{nil, {"--force"}} {
			_, stderr, code = run(t, "", append([]string{"export", "--format", format, "-o", backup}, force...), env)
			if code != exitFailure || !strings.Contains(stderr, "is a database; export never writes over one") {
				t.Fatalf("export %s %v over a backup: exit %d, %s", format, force, code, stderr)
			}
		}
	}
	if b, _ := os.ReadFile(backup); !bytes.Equal(b, backupBytes) {
		t.Fatal("the backup changed")
	}
	if _, stderr, code := run(t, "", []string{"export", "--format", "csv", "-o", notes, "--force"}, env); code != exitOK {
		t.Fatalf("export --force: exit %d, %s", code, stderr)
	}
	if b, _ := os.ReadFile(notes); !strings.HasPrefix(string(b), "type,id,rep,") {
		t.Fatalf("--force did not replace the file: %q", b)
	}
}
