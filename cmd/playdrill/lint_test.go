package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const cleanPlaybook = "---\nplaybook: Test\n---\n# Sales\n\n## Meet\n\nResult: We know why they came.\n\nDone when:\n- noted\n\n### Drill\n\nQ: What first?\nA: Their reason.\n"

// writePlaybook writes files into a fresh folder and returns its path.
func writePlaybook(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLintCleanPlaybookExitsZero(t *testing.T) {
	dir := writePlaybook(t, map[string]string{"pb.md": cleanPlaybook})
	out, stderr, code := run(t, "", []string{"lint", filepath.Join(dir, "pb.md")})
	if code != 0 || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	if !strings.Contains(stderr, "0 errors, 0 warnings; 1 process, 1 step, 2 cards") {
		t.Errorf("summary: %q", stderr)
	}
}

func TestLintReportsEveryProblemWithPosition(t *testing.T) {
	bad := "# Sales\n\n## Meet\n\nDone when:\n- noted\n\n### Drill\n\nQ: What first?\n\nText \x1b]52;c;eA==\x07\n"
	dir := writePlaybook(t, map[string]string{"a.md": bad, "b.md": strings.Replace(cleanPlaybook, "playbook: Test", "colour: red", 1)})
	out, _, code := run(t, "", []string{"lint", dir})
	if code != 1 {
		t.Fatalf("exit %d, want 1; output %q", code, out)
	}
	want := []string{
		dir + "/a.md:3:1: error: step \"meet\" has no `Result:` line: add `Result: ...` under the heading",
		dir + "/a.md:10:1: error: `Q:` has no `A:`: add an `A: ...` line, or a task list of options for a choice",
		dir + "/a.md:12:6: warning: escape sequence (OSC 52): it is removed from the text",
		dir + "/b.md:2:1: warning: front matter keys playdrill does not read are ignored: colour",
		dir + "/b.md:4:1: error: duplicate id \"sales\" (first used at a.md:1:1): give one of them another `{#id}`",
		dir + "/b.md:6:1: error: duplicate id \"meet\" (first used at a.md:3:1): give one of them another `{#id}`",
	}
	if got := strings.TrimSpace(out); got != strings.Join(want, "\n") {
		t.Errorf("output:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	if strings.Contains(out, "\x1b") || strings.Contains(out, "\x07") {
		t.Errorf("output carries control characters: %q", out)
	}
}

func TestLintWarningsAloneExitZero(t *testing.T) {
	dir := writePlaybook(t, map[string]string{"pb.md": cleanPlaybook + "\nbell \x07\n"})
	out, _, code := run(t, "", []string{"lint", filepath.Join(dir, "pb.md")})
	if code != 0 || !strings.Contains(out, "pb.md:18:6: warning: control character U+0007 (BEL)") {
		t.Fatalf("exit %d, output %q", code, out)
	}
}

func TestLintJSON(t *testing.T) {
	dir := writePlaybook(t, map[string]string{"pb.md": cleanPlaybook, "bad.md": "# Other\n\n## Lost\n"})
	out, _, code := run(t, "", []string{"lint", "--format", "json", filepath.Join(dir, "pb.md"), filepath.Join(dir, "bad.md")})
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	var r struct {
		Problems []struct {
			File     string `json:"file"`
			Line     int    `json:"line"`
			Col      int    `json:"col"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
		} `json:"problems"`
		Stats struct{ Processes, Steps, Cards int } `json:"stats"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v in %q", err, out)
	}
	if len(r.Problems) != 2 || r.Problems[0].File != filepath.Join(dir, "bad.md") || r.Problems[0].Line != 3 || r.Problems[0].Col != 1 || r.Problems[0].Severity != "error" || !strings.Contains(r.Problems[0].Message, "has no `Result:`") {
		t.Errorf("problems: %+v", r.Problems)
	}
	if r.Stats.Processes != 2 || r.Stats.Steps != 2 || r.Stats.Cards != 2 {
		t.Errorf("stats: %+v", r.Stats)
	}
}

func TestLintJSONCleanHasEmptyProblems(t *testing.T) {
	dir := writePlaybook(t, map[string]string{"pb.md": cleanPlaybook})
	out, _, code := run(t, "", []string{"lint", "--format=json", dir})
	if code != 0 || !strings.Contains(out, `"problems": []`) {
		t.Fatalf("exit %d, output %q", code, out)
	}
}

func TestLintUsesPlaybookFromEnvironment(t *testing.T) {
	dir := writePlaybook(t, map[string]string{"pb.md": "# P\n\n## S\n"})
	out, _, code := run(t, "", []string{"lint"}, "PLAYDRILL_PLAYBOOK="+filepath.Join(dir, "pb.md"))
	if code != 1 || !strings.HasPrefix(out, filepath.Join(dir, "pb.md")+":3:1: error: step \"s\" has no `Result:`") {
		t.Fatalf("exit %d, output %q", code, out)
	}
	out, _, code = run(t, "", []string{"lint", "--playbook", filepath.Join(dir, "pb.md")})
	if code != 1 || !strings.Contains(out, "pb.md:3:1: error:") {
		t.Fatalf("--playbook: exit %d, output %q", code, out)
	}
}

func TestLintShippedPlaybookRuns(t *testing.T) {
	out, stderr, code := run(t, "", []string{"lint", "--format", "json"})
	var r map[string]any
	if err := json.Unmarshal([]byte(out), &r); err != nil || r["stats"] == nil {
		t.Fatalf("exit %d, output %q, stderr %q", code, out, stderr)
	}
}

func TestLintBadFormatIsUsageError(t *testing.T) {
	_, stderr, code := run(t, "", []string{"lint", "--format", "xml"})
	if code != 2 || !strings.Contains(stderr, `--format "xml": want text or json`) || !strings.Contains(stderr, "Run 'playdrill lint --help' for usage.") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestLintMissingPathFails(t *testing.T) {
	dir := writePlaybook(t, map[string]string{"pb.md": cleanPlaybook})
	missing := filepath.Join(dir, "nope.md")
	out, stderr, code := run(t, "", []string{"lint", missing, filepath.Join(dir, "pb.md")})
	if code != 1 || !strings.Contains(stderr, "playbook "+missing+": no such file or directory") || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	// The summary does not claim a clean run.
	if !strings.Contains(stderr, "1 unreadable path, 0 errors") {
		t.Errorf("summary in %q does not count the unreadable path", stderr)
	}
	out, _, code = run(t, "", []string{"lint", "--format", "json", missing})
	var r struct {
		Unreadable []struct{ Path, Message string }
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || code != 1 || len(r.Unreadable) != 1 || r.Unreadable[0].Path != missing ||
		!strings.Contains(r.Unreadable[0].Message, "no such file") {
		t.Errorf("json: exit %d, %+v (%v) from %s", code, r, err, out)
	}
}

func TestLintBinaryFile(t *testing.T) {
	dir := writePlaybook(t, map[string]string{"pb.md": "\x89PNG\r\n\x1a\n\x00\x00"})
	out, _, code := run(t, "", []string{"lint", filepath.Join(dir, "pb.md")})
	if code != 1 || !strings.Contains(out, "pb.md:3:1: error: not a markdown text file") {
		t.Fatalf("exit %d, output %q", code, out)
	}
}

// Live reload in the TUI reads the folder with the same rules as lint: a
// file that is not a regular file is a problem to show, never a read that
// does not end.
func TestReloadReadsOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../../playbooks/01-marketing.md")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "01.md"), src, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "x.md")); err != nil {
		t.Fatal(err)
	}
	_, problems, err := reloadPlaybook(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || !strings.Contains(problems[0], "x.md:1:1: error: not read: it is a device") {
		t.Errorf("got %d problems %q, want x.md refused as a device", len(problems), problems)
	}
}
