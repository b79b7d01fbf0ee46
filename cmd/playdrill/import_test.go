package main

import (
	"strings"
	"testing"
)

func TestImportNeedsFiles(t *testing.T) {
	_, stderr, code := run(t, "", []string{"import"})
	if code != exitUsage || !strings.Contains(stderr, "requires at least 1 arg") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
