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
