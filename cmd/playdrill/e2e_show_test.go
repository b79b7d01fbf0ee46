package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cleanEnv keeps the user's own playbook setting out of the built binary.
var cleanEnv = []string{"PLAYDRILL_PLAYBOOK=", "NO_COLOR="}

// assertLintClean fails unless lint's output reports no problem at all.
func assertLintClean(t *testing.T, what, stdout, stderr string, code int) {
	t.Helper()
	if code != 0 {
		t.Fatalf("%s: lint exit %d\n%s%s", what, code, stdout, stderr)
	}
	for _, bad := range []string{": error:", ": warning:"} {
		if strings.Contains(stdout+stderr, bad) {
			t.Errorf("%s: lint reports problems:\n%s%s", what, stdout, stderr)
		}
	}
}

func TestE2EShippedPlaybookLintsClean(t *testing.T) {
	stdout, stderr, code := runBinary(t, nil, []string{"lint"}, cleanEnv...)
	assertLintClean(t, "shipped playbook", stdout, stderr, code)
}

func TestE2EShow(t *testing.T) {
	out, stderr, code := runBinary(t, nil, []string{"show", "--width", "90"}, cleanEnv...)
	if code != 0 {
		t.Fatalf("show: exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{"Marketing process", "Build the target list", "Sales process", "Tell marketing what worked", "How are you different from Dispatchwise?"} {
		if !strings.Contains(out, want) {
			t.Errorf("show output lacks %q", want)
		}
	}
	// Stdout is a pipe here: plain text, no escape sequence at all.
	if strings.ContainsRune(out, 0x1b) {
		t.Errorf("show to a pipe printed escape sequences")
	}

	out, _, code = runBinary(t, nil, []string{"show", "qualify"}, cleanEnv...)
	if code != 0 || !strings.Contains(out, "Rules of engagement") || strings.Contains(out, "Build the target list") {
		t.Errorf("show qualify: exit %d, output:\n%s", code, out)
	}
	// The id 'drill --step' takes is under the heading, and the rules
	// table keeps its answer column whole at 80 columns.
	for _, want := range []string{"Step id: qualify", "│ sales-ready lead │", "│ Category         │"} {
		if !strings.Contains(out, want) {
			t.Errorf("show qualify lacks %q:\n%s", want, out)
		}
	}

	_, stderr, code = runBinary(t, nil, []string{"show", "qualfy"}, cleanEnv...)
	if code != exitUsage || !strings.Contains(stderr, "did you mean qualify?") {
		t.Errorf("show qualfy: exit %d, stderr %q", code, stderr)
	}

	_, _, code = runBinary(t, nil, []string{"show", "--width", "0"}, cleanEnv...)
	if code != exitUsage {
		t.Errorf("show --width 0: exit %d, want %d", code, exitUsage)
	}
}

func TestE2EInitThenLintAndShow(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "playbook")
	if _, stderr, code := runBinary(t, nil, []string{"init", dir}, cleanEnv...); code != 0 {
		t.Fatalf("init: exit %d, stderr %q", code, stderr)
	}
	stdout, stderr, code := runBinary(t, nil, []string{"lint", dir}, cleanEnv...)
	assertLintClean(t, "init's folder", stdout, stderr, code)

	out, stderr, code := runBinary(t, nil, []string{"show", "--playbook", dir, "first-meeting"}, cleanEnv...)
	if code != 0 || !strings.Contains(out, "Find out why they responded") {
		t.Fatalf("show from init's folder: exit %d, stderr %q", code, stderr)
	}
	// The how-to comment is for the author's editor, not for reps.
	if strings.Contains(out, "playdrill lint") {
		t.Errorf("show printed the how-to comment")
	}

	if _, stderr, code := runBinary(t, nil, []string{"init", dir}, cleanEnv...); code != exitFailure || !strings.Contains(stderr, "exists") {
		t.Errorf("second init: exit %d, stderr %q", code, stderr)
	}
}

func TestE2EShowHostilePlaybook(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"osc52", "osc52-ent", "cursor", "dcs-ent", "bidi"} {
		path := filepath.Join(dir, name+".md")
		if err := os.WriteFile(path, []byte(hostilePlaybook(escapePayloads[name])), 0o644); err != nil {
			t.Fatal(err)
		}
		out, stderr, code := runBinary(t, nil, []string{"show", "--playbook", path}, cleanEnv...)
		if code != 0 || !strings.Contains(out, "Question") {
			t.Fatalf("%s: exit %d, stderr %q", name, code, stderr)
		}
		if strings.ContainsRune(out, 0x1b) {
			t.Errorf("%s: escape in output", name)
		}
		assertNoEscapes(t, name, out)
		// lint names each payload as a warning with its line.
		lintOut, lintErr, _ := runBinary(t, nil, []string{"lint", path}, cleanEnv...)
		if !strings.Contains(lintOut+lintErr, name+".md:") {
			t.Errorf("%s: lint did not point at the payload:\n%s%s", name, lintOut, lintErr)
		}
	}
}
