package main

import (
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
