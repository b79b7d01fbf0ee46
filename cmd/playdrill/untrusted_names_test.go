package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hangWait is how long a test waits for a command given a pipe before it
// calls the command hung. One that refuses the pipe returns at once; the
// bound is generous so that a loaded machine never passes for a hang.
const hangWait = time.Minute

// import names a pipe for what it is instead of waiting on it with the
// database locked, and doctor does the same.
func TestImportAndDoctorRefusePipesByName(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "export.jsonl")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	type result struct {
		stderr string
		code   int
	}
	for _, args := range [][]string{{"import", fifo}, {"doctor", "--db", fifo}} {
		done := make(chan result, 1)
		go func() {
			out, stderr, code := run(t, "", args)
			done <- result{out + stderr, code}
		}()
		select {
		case r := <-done:
			if r.code != exitFailure || !strings.Contains(r.stderr, "a named pipe (FIFO)") {
				t.Errorf("%s: exit %d, stderr %q", args[0], r.code, r.stderr)
			}
		case <-time.After(hangWait):
			t.Fatalf("%s on a pipe did not return", args[0])
		}
	}
}

// A blank rep name is refused before anything is recorded under it.
func TestBlankRepNameIsAUsageError(t *testing.T) {
	_, stderr, code := run(t, "", []string{"drill", "--plain", "--rep", " "})
	if code != exitUsage || !strings.Contains(stderr, "cannot be blank") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// Names the user typed (--db, --playbook, import FILE) are echoed in error
// messages without their control characters.
func TestErrorMessagesShowNamesCleaned(t *testing.T) {
	dir := t.TempDir()
	evil := filepath.Join(dir, "x\x1b]0;owned\x07\u202e.jsonl")
	for _, args := range [][]string{
		{"import", evil},
		{"doctor", "--db", evil},
		{"lint", "--playbook", evil},
		{"show", "--playbook", evil},
	} {
		out, stderr, code := run(t, "", args)
		stderr += out
		if code == 0 || !strings.Contains(stderr, "x.jsonl") {
			t.Errorf("%s: exit %d, stderr %q", args[0], code, stderr)
		}
		if strings.ContainsAny(stderr, "\x1b\x07\u202e") {
			t.Errorf("%s: stderr carries raw control characters: %q", args[0], stderr)
		}
	}
	if err := os.WriteFile(evil, []byte("{}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, stderr, _ := run(t, "", []string{"import", evil})
	if strings.ContainsAny(stderr, "\x1b\x07\u202e") || !strings.Contains(stderr, "x.jsonl") {
		t.Errorf("a bad line's error: %q", stderr)
	}
}

// draft and export -o never wait on a named pipe given as a file.
func TestDraftAndExportDoNotWaitOnPipes(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "page.md")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	for _, args := range [][]string{{"draft", fifo, "-o", filepath.Join(dir, "out")}, {"export", "--format", "jsonl", "-o", fifo}} {
		done := make(chan int, 1)
		go func() {
			_, _, code := run(t, "", args)
			done <- code
		}()
		select {
		case code := <-done:
			if code == 0 {
				t.Errorf("%s on a pipe succeeded", args[0])
			}
		case <-time.After(hangWait):
			t.Fatalf("%s on a pipe did not return", args[0])
		}
	}
}
