package main

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestE2EPlainOnboarding drives the built binary through pipes: a rep
// completes the first step, sees the next one open, the author edits a
// card, and the rep sees the step changed and drills it back to done.
func TestE2EPlainOnboarding(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	book := writeTestPlaybook(t, dir, "No. It is a list; marketing works it into inquiries.")
	env := []string{"PLAYDRILL_DB=" + filepath.Join(dir, "progress.db"), "PLAYDRILL_REP=dana", "PLAYDRILL_PLAYBOOK=" + book, "NO_COLOR=1"}
	drill := func(stdin string, args ...string) (string, string, int) {
		t.Helper()
		return runBinary(t, strings.NewReader(stdin), append([]string{"drill", "--plain"}, args...), env...)
	}

	// The second step is locked at first.
	if _, stderr, code := drill("", "--step", "qualify"); code != exitFailure || !strings.Contains(stderr, "locked") {
		t.Fatalf("locked step: exit %d, stderr %q", code, stderr)
	}

	// Today's queue is the first step's cards; answering both well
	// completes it and opens the next.
	out, stderr, code := drill(strings.Repeat(goodAnswer+"\n\n", 2))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	cards := cardsShown(out)
	if len(cards) != 2 || !strings.HasSuffix(cards[0], "[result]") || !strings.HasSuffix(cards[1], "[recall]") {
		t.Fatalf("cards %v:\n%s", cards, out)
	}
	for _, want := range []string{"Rating [1-4, Enter=", "Step done: Work the list [list]\n", "Step open: Qualify inquiries [qualify]\n", "Steps completed: 1 (list)\n", "Cards: 2 answered\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	recall := strings.TrimSuffix(cards[1], " [recall]")
	if got := reportStatuses(t, env); got["list"] != "done" || got["qualify"] != "new" {
		t.Errorf("report after the first step: %v", got)
	}

	// The next step now opens, and today's queue moved on to it.
	out, stderr, code = drill(":q\n", "--step", "qualify")
	if shown := cardsShown(out); code != 0 || len(shown) != 1 || !strings.HasSuffix(shown[0], "[result]") || !strings.Contains(out, "Qualify inquiries") {
		t.Fatalf("qualify: exit %d, stderr %q\n%s", code, stderr, out)
	}
	out, _, _ = drill(":q\n")
	if first := cardsShown(out); len(first) != 1 || first[0] == cards[0] || first[0] == cards[1] {
		t.Errorf("today's queue after the first step starts with %v:\n%s", first, out)
	}

	// The author edits the first step's question: the step is changed and
	// the edited card comes up first.
	writeTestPlaybook(t, dir, "No. A bought list is names; marketing works it into inquiries.")
	if got := reportStatuses(t, env); got["list"] != "changed" || got["qualify"] != "new" {
		t.Errorf("report after the edit: %v", got)
	}
	out, _, code = drill(goodAnswer + "\n\n:q\n")
	if code != 0 || !strings.HasPrefix(out, "Changed since you passed them: list\n") {
		t.Fatalf("after the edit:\n%s", out)
	}
	if first := cardsShown(out); len(first) < 1 || first[0] != recall+" [recall]" {
		t.Errorf("after the edit the queue starts with %v, want %s", first, recall)
	}
	if !strings.Contains(out, "Step done: Work the list [list]\n") {
		t.Errorf("re-drilling the edited card did not complete the step again:\n%s", out)
	}
	out, _, _ = drill(":q\n")
	if strings.Contains(out, "Changed since") {
		t.Errorf("still changed after re-drilling:\n%s", out)
	}
}

// reportStatuses reads the step statuses from `report --format json`.
func reportStatuses(t *testing.T, env []string) map[string]string {
	t.Helper()
	out, stderr, code := runBinary(t, strings.NewReader(""), []string{"report", "--format", "json"}, env...)
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	var r struct {
		Reps []struct {
			Rep   string
			Steps []struct{ ID, Status string }
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || len(r.Reps) != 1 {
		t.Fatalf("report json: %v\n%s", err, out)
	}
	got := map[string]string{}
	for _, s := range r.Reps[0].Steps {
		got[s.ID] = s.Status
	}
	return got
}

// TestE2EPlainKillLosesNoAnsweredCard kills the binary while it waits for
// the second answer: the first, already answered and rated, must be in the
// database.
func TestE2EPlainKillLosesNoAnsweredCard(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	book := writeTestPlaybook(t, dir, "No. It is a list.")
	env := []string{"PLAYDRILL_DB=" + filepath.Join(dir, "progress.db"), "PLAYDRILL_REP=kim", "PLAYDRILL_PLAYBOOK=" + book}
	cmd := exec.Command(binary(t), "drill", "--plain")
	cmd.Env = append(os.Environ(), env...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer cmd.Process.Kill()
	if _, err := io.WriteString(stdin, goodAnswer+"\n\n"); err != nil {
		t.Fatal(err)
	}
	// Read until the second card shows: by then the first is committed.
	sc := bufio.NewScanner(stdout)
	seen := false
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "Card 2: ") {
			seen = true
			break
		}
	}
	if !seen {
		t.Fatal("the second card never showed")
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	out, stderr, code := runBinary(t, strings.NewReader(""), []string{"report", "--format", "json"}, env...)
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	var r struct{ Reps []struct{ Attempts int } }
	if err := json.Unmarshal([]byte(out), &r); err != nil || len(r.Reps) != 1 || r.Reps[0].Attempts != 1 {
		t.Errorf("after the kill the report holds %+v (%v), want 1 attempt", r, err)
	}
}
