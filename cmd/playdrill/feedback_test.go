package main

import (
	"strings"
	"testing"
)

func TestFeedbackBadFormat(t *testing.T) {
	_, stderr, code := run(t, "", []string{"feedback", "--format", "pdf"})
	if code != exitUsage || !strings.Contains(stderr, `--format "pdf"`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
