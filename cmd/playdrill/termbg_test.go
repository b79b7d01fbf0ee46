package main

import (
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// fakeTerminal is a pipe standing in for a terminal: what answer holds is
// already waiting to be read, and the write end stays open, as a terminal's
// does, so only the answer or the wait ends the read.
func fakeTerminal(t *testing.T, answer string) (*os.File, *strings.Builder) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(); w.Close() })
	if _, err := io.WriteString(w, answer); err != nil {
		t.Fatal(err)
	}
	return r, &strings.Builder{}
}

func TestBackgroundQuery(t *testing.T) {
	const da1 = "\x1b[?62;22c"
	for _, tc := range []struct {
		name, answer string
		want         string // "dark", "light" or "" for no answer
	}{
		{"dark, ST", "\x1b]11;rgb:1e1e/1e1e/2e2e\x1b\\" + da1, "dark"},
		{"light, BEL", "\x1b]11;rgb:ffff/fdfd/f6f6\a" + da1, "light"},
		{"only device attributes", da1, ""},
		{"silent terminal", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in, out := fakeTerminal(t, tc.answer)
			// A silent terminal must not hold the read past the wait:
			// this returns, instead of hanging the test.
			bg := queryBackground(in, out, 50*time.Millisecond)
			got := ""
			if bg != nil {
				got = map[bool]string{true: "dark", false: "light"}[isDark(bg)]
			}
			if got != tc.want {
				t.Errorf("background %q, want %q", got, tc.want)
			}
			if out.String() != ansi.RequestBackgroundColor+ansi.RequestPrimaryDeviceAttributes {
				t.Errorf("asked %q", out.String())
			}
		})
	}
}

// Only a terminal is asked: a pipe on stdin is not put in raw mode nor
// written to.
func TestBackgroundNotAskedOfAPipe(t *testing.T) {
	in, _ := fakeTerminal(t, "")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, ok := terminalBackground(in, w, time.Second); ok {
		t.Errorf("a pipe was taken for a terminal")
	}
	w.Close()
	if b, _ := io.ReadAll(r); len(b) != 0 {
		t.Errorf("wrote %q to a pipe", b)
	}
}
