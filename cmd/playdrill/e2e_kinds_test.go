package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// kindsAnswers are the right answers to every card of
// testdata/newkinds.md: typed text, the text of the right option (found
// by the driver wherever the shuffle put it), or the items in order.
var kindsAnswers = map[string]string{
	"first-call/result":                                "why they reached out",
	"first-call/cloze-sales-ready-leads":               "sales-ready leads",
	"first-call/ready":                                 "A buyer who asked for a proposal with budget approved",
	"first-call/obj-we-already-track-leads-in-a":       "I agree, and ask what a lead that went cold cost them",
	"first-call/obj-we-have-no-budget-this-year":       "When does the next budget cycle start, and who owns it?",
	"first-call/stage-asked-for-a-trial-for-ten-seats": "evaluation",
	"first-call/stage-sent-the-signed-order-form":      "closed",
	"first-call/stage-wants-a-demo-next-week":          "discovery",
	"proposal/result":                                  "a proposal they can sign",
	"selling/order":                                    "First call > Proposal",
	"offline/does-the-app-need-a-network":              "it works offline",
}

var optionLine = regexp.MustCompile(`^(\d+)\) (.*)$`)

// plainRep answers `drill --plain` as a rep reading its output would: it
// reads each card's lines up to the prompt, then types the answer, finding
// an option by its text wherever it is shown, and takes the suggested
// rating. It returns everything the binary printed.
func plainRep(t *testing.T, env []string, args ...string) string {
	t.Helper()
	return plainRepWith(t, kindsAnswers, env, args...)
}

// plainRepWith is plainRep with the right answers by card id.
func plainRepWith(t *testing.T, kindsAnswers map[string]string, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"drill", "--plain"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	timer := time.AfterFunc(60*time.Second, func() { cmd.Process.Kill() })
	defer timer.Stop()
	var out strings.Builder
	go func() {
		defer close(done)
		sc := bufio.NewScanner(stdout)
		card := ""
		shown := map[string]int{} // option text -> number shown
		for sc.Scan() {
			line := sc.Text()
			out.WriteString(line + "\n")
			if m := cardLine.FindStringSubmatch(line); m != nil {
				card, shown = m[2], map[string]int{}
				continue
			}
			if m := optionLine.FindStringSubmatch(line); m != nil {
				var n int
				fmt.Sscan(m[1], &n)
				shown[m[2]] = n
				continue
			}
			answer, ok := kindsAnswers[card]
			switch {
			case strings.HasPrefix(line, "Rating ["):
				io.WriteString(stdin, "\n")
			case line == "Answer:" && ok:
				io.WriteString(stdin, answer+"\n")
			case strings.HasPrefix(line, "Answer [") && ok:
				fmt.Fprintf(stdin, "%d\n", shown[answer])
			case strings.HasPrefix(line, "Order [") && ok:
				var nums []string
				for _, item := range strings.Split(answer, " > ") {
					nums = append(nums, fmt.Sprint(shown[item]))
				}
				io.WriteString(stdin, strings.Join(nums, " ")+"\n")
			case line == "Answer:" || strings.HasPrefix(line, "Answer [") || strings.HasPrefix(line, "Order ["):
				t.Errorf("no answer for card %q", card)
				io.WriteString(stdin, ":q\n")
			}
		}
		stdin.Close()
	}()
	<-done
	if err := cmd.Wait(); err != nil {
		t.Fatalf("drill %v: %v\n%s\n%s", args, err, stderr.String(), out.String())
	}
	return out.String()
}

// TestE2EPlainEveryNewKind drills a playbook with every card kind added
// for real handbook content through the binary: cloze, objection, a
// table under a question, a reference topic; options shuffled; then reads
// them back from the report and every export.
func TestE2EPlainEveryNewKind(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	book, err := filepath.Abs("testdata/newkinds.md")
	if err != nil {
		t.Fatal(err)
	}
	env := []string{"PLAYDRILL_DB=" + filepath.Join(dir, "progress.db"), "PLAYDRILL_REP=lee", "PLAYDRILL_PLAYBOOK=" + book, "NO_COLOR=1"}

	// Before a call: the objections alone, crammed.
	out := plainRep(t, env, "--objections")
	if got := cardsShown(out); strings.Join(got, ",") != "first-call/obj-we-already-track-leads-in-a [objection],first-call/obj-we-have-no-budget-this-year [objection]" {
		t.Fatalf("objections cram showed %v:\n%s", got, out)
	}
	for _, want := range []string{"Cram: 2 cards", "We already track leads in a spreadsheet.\nThe prospect says this: respond as you would on the call.\nAnswer:\n", "Recorded (cram: schedule unchanged)."} {
		if !strings.Contains(out, want) {
			t.Errorf("objections output lacks %q:\n%s", want, out)
		}
	}

	// The whole playbook, step by step: every card passes.
	for _, step := range []string{"first-call", "proposal", "offline"} {
		out = plainRep(t, env, "--step", step)
		if n := strings.Count(out, "Score: 100%"); n != len(cardsShown(out)) || n == 0 {
			t.Errorf("step %s: %d of %v scored 100%%:\n%s", step, n, cardsShown(out), out)
		}
	}
	out = plainRep(t, env, "--step", "first-call")
	for _, want := range []string{
		"Card 2: first-call/cloze-sales-ready-leads [cloze]\nSales works only _____.\nWrite the words that fill the blank.\nAnswer:\n",
		"Card 6: first-call/stage-asked-for-a-trial-for-ten-seats [classify]\nAsked for a trial for ten seats\nWhich stage is each of these deals in?\n",
		"Why: they are testing fit\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("first-call output lacks %q:\n%s", want, out)
		}
	}

	// The report counts them; the exports name their kinds.
	if got := reportStatuses(t, env); got["first-call"] != "done" || got["proposal"] != "done" || got["offline"] != "done" {
		t.Errorf("report: %v", got)
	}
	// A cloze answered wrong is among the rep's weakest cards, by kind.
	if out, stderr, code := runBinary(t, strings.NewReader("why they reached out\n\nhot prospects\n1\n:q\n"), []string{"drill", "--plain", "--step", "first-call"}, env...); code != 0 || !strings.Contains(out, "Missed: sales-ready leads") {
		t.Fatalf("wrong cloze: exit %d %s\n%s", code, stderr, out)
	}
	if out, _, _ := runBinary(t, strings.NewReader(""), []string{"report", "--format", "json"}, env...); !strings.Contains(out, `"card": "first-call/cloze-sales-ready-leads"`) || !strings.Contains(out, `"kind": "cloze"`) {
		t.Errorf("report json does not list the weak cloze:\n%s", out)
	}
	if out, _, _ := runBinary(t, strings.NewReader(""), []string{"report"}, env...); !strings.Contains(out, "Sales works only _____.") {
		t.Errorf("report does not list the weak cloze:\n%s", out)
	}
	jsonl, stderr, code := runBinary(t, strings.NewReader(""), []string{"export", "--format", "jsonl"}, env...)
	if code != 0 {
		t.Fatalf("export jsonl: %d %s", code, stderr)
	}
	kinds := map[string]int{}
	for line := range strings.SplitSeq(strings.TrimSpace(jsonl), "\n") {
		var rec struct{ Kind, Card string }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		kinds[rec.Kind]++
	}
	if kinds["cloze"] != 3 || kinds["objection"] != 6 || kinds["classify"] != 6 {
		t.Errorf("exported kinds %v", kinds)
	}
	exported := filepath.Join(dir, "lee.jsonl")
	if err := os.WriteFile(exported, []byte(jsonl), 0o600); err != nil {
		t.Fatal(err)
	}
	other := []string{"PLAYDRILL_DB=" + filepath.Join(dir, "team.db"), "PLAYDRILL_PLAYBOOK=" + book}
	if out, stderr, code := runBinary(t, strings.NewReader(""), []string{"import", exported}, other...); code != 0 {
		t.Errorf("importing the new kinds: exit %d\n%s%s", code, out, stderr)
	}
	csv, _, code := runBinary(t, strings.NewReader(""), []string{"export", "--format", "csv"}, env...)
	if code != 0 || !strings.Contains(csv, ",cloze,") || !strings.Contains(csv, ",objection,") {
		t.Errorf("csv export lacks the new kinds (exit %d):\n%s", code, csv)
	}
	xapi, _, code := runBinary(t, strings.NewReader(""), []string{"export", "--format", "xapi"}, env...)
	if code != 0 || !strings.Contains(xapi, `"fill-in"`) || !strings.Contains(xapi, "Objection: We already track leads in a spreadsheet.") {
		t.Errorf("xapi export does not describe the new kinds (exit %d):\n%.3000s", code, xapi)
	}
}

// TestE2ETUINewKinds drives the terminal app in tmux: `drill --objections`
// shows the prospect's words, and a table row's options, shuffled, are
// picked by the number the screen shows for the right one.
func TestE2ETUINewKinds(t *testing.T) {
	book, err := filepath.Abs("testdata/newkinds.md")
	if err != nil {
		t.Fatal(err)
	}
	s := startTUI(t, "--playbook", book, "drill", "--objections")
	s.waitFor("Prospect: “We already track leads in a spreadsheet.”", "cram · objection · card 1 of 2")
	s.typeText("I agree, and ask what a lead that went cold cost them")
	s.keys("Enter")
	s.waitFor("Score 100%")
	s.keys("Escape")
	s.waitFor("Session over")
	s.keys("Enter")
	s.waitFor("d drill")
	s.keys("q")
	s.waitShell()

	s.runLine("PLAYDRILL_DB="+s.db, "PLAYDRILL_REP=e2e", binary(t), "--playbook", book, "drill", "--step", "first-call", "--cram")
	s.waitFor("card 1 of 8")
	// The typed cards, then the shuffled choice.
	s.typeText("why they reached out")
	s.keys("Enter")
	s.waitFor("Score 100%")
	s.keys("Enter")
	s.waitFor("cloze · card 2 of 8", "Sales works only _____.")
	s.typeText("sales-ready leads")
	s.keys("Enter")
	s.waitFor("Score 100%")
	s.keys("Enter")
	scr := s.waitFor("choice · card 3 of 8")
	s.keys(shownNumber(t, scr, "A buyer who asked for a proposal with budget approved"))
	s.keys("Enter")
	s.waitFor("Score 100%")
	s.keys("Enter", "Escape")
	s.waitFor("Session over")
	s.keys("Enter")
	s.waitFor("d drill")
	s.keys("q")
	s.waitShell()
}

// shownNumber is the number the screen shows an option under.
func shownNumber(t *testing.T, screen, option string) string {
	t.Helper()
	for line := range strings.SplitSeq(screen, "\n") {
		if i := strings.Index(line, ") [ ] "+option); i > 0 {
			return string(line[i-1])
		}
	}
	t.Fatalf("option %q not on the screen:\n%s", option, screen)
	return ""
}
