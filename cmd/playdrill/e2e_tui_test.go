package main

import (
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/boltdb"
)

func TestTUINeedsATerminal(t *testing.T) {
	_, stderr, code := run(t, "", nil)
	if code != exitFailure {
		t.Fatalf("exit %d, want %d", code, exitFailure)
	}
	if !strings.Contains(stderr, "needs a terminal") || !strings.Contains(stderr, "playdrill drill --plain") {
		t.Fatalf("stderr %q does not point to drill --plain", stderr)
	}
	// The real binary with stdin from a pipe says the same.
	_, stderr, code = runBinary(t, strings.NewReader(""), nil, "PLAYDRILL_DB="+filepath.Join(t.TempDir(), "p.db"))
	if code != exitFailure || !strings.Contains(stderr, "drill --plain") {
		t.Fatalf("binary: exit %d, stderr %q", code, stderr)
	}
}

// e2ePlaybook is a small playbook for the end-to-end tests.
const e2ePlaybook = `---
playbook: E2E Playbook
version: "1.0"
competitors: [Company X]
---

# Marketing process {#marketing}

## Work inquiries into sales-ready leads {#qualify}

Result: The inquiry meets the rules of engagement for a sales-ready lead.
Must mention: rules of engagement; sales-ready

Done when:
- the lead's category is recorded

### Drill

Q: Is a list bought from a broker a set of leads?
A: No. It is a list; marketing works it to produce inquiries.
Must mention: list | not leads; inquiries
Never say: hot leads

## Hand the lead to sales {#handoff}

Result: Sales has accepted the lead.
Must mention: accepted

# Sales process {#sales}

## First encounter {#first-call}

Result: You know why the prospect inquired and what results they want.
Must mention: why they inquired; results
`

// tuiSession is playdrill's TUI running in a private tmux server.
type tuiSession struct {
	t      *testing.T
	socket string
	dir    string
	db     string
	book   string
	// exited makes waitFor fail at once on an error message from playdrill
	// (set once it runs; the locked-database test expects one).
	exited bool
	name   string // the tmux session
}

// startTUI starts a shell in a detached 100x30 tmux session on a private
// socket, with a temporary database and the test playbook, and runs
// playdrill in it with args.
func startTUI(t *testing.T, args ...string) *tuiSession {
	t.Helper()
	s := launchTUI(t, 100, 30, e2ePlaybook, args...)
	s.pastWelcome()
	return s
}

// launchTUI starts playdrill in a shell in a detached width x height tmux
// session on a private socket, with a temporary database and the playbook
// book (the shipped one when empty), and returns at once.
func launchTUI(t *testing.T, width, height int, book string, args ...string) *tuiSession {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Fatal("the end-to-end TUI tests need tmux: install it")
	}
	bin := binary(t)
	dir := t.TempDir()
	s := &tuiSession{
		t:      t,
		socket: "playdrill-e2e-" + regexp.MustCompile(`[^A-Za-z0-9]`).ReplaceAllString(t.Name(), "") + "-" + strconv.Itoa(os.Getpid()),
		dir:    dir,
		db:     filepath.Join(dir, "progress.db"),
		name:   "e2e",
	}
	line := []string{"PLAYDRILL_DB=" + s.db, "PLAYDRILL_REP=e2e", "PLAYDRILL_PLAYBOOK=", bin}
	if book != "" {
		s.book = filepath.Join(dir, "playbook.md")
		if err := os.WriteFile(s.book, []byte(book), 0o600); err != nil {
			t.Fatal(err)
		}
		line = append(line, "--playbook", s.book)
	}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	s.tmux("-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", strconv.Itoa(width), "-y", strconv.Itoa(height),
		"env", "PS1=e2e$ ", "HOME="+dir, "TERM=xterm-256color", "/bin/sh")
	s.waitFor("e2e$")
	s.runLine(append(line, args...)...)
	s.exited = true
	return s
}

// screenWait bounds how long a test waits for the terminal to show what it
// expects. A passing test waits only as long as playdrill takes; the bound
// is there so that a screen that never comes fails the test with what it
// shows, and it is generous because CI's two cores run the race detector
// and other packages' tests at the same time.
const screenWait = time.Minute

// pastWelcome closes the guide that greets a rep who has never answered a
// card, once the first screen is up; a test of the guide itself looks at it
// before calling this.
func (s *tuiSession) pastWelcome() {
	s.t.Helper()
	deadline := time.Now().Add(screenWait)
	for time.Now().Before(deadline) {
		scr := s.screen()
		if strings.Contains(scr, "Welcome to playdrill") {
			s.keys("Enter")
			s.waitFor("Due now")
			return
		}
		for _, up := range []string{"Due now", "card 1 of", "too small", "playdrill: "} {
			if strings.Contains(scr, up) && !strings.Contains(scr, "Loading") {
				return
			}
		}
		time.Sleep(40 * time.Millisecond)
	}
}

func (s *tuiSession) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// runLine types a command line into the shell.
func (s *tuiSession) runLine(words ...string) {
	s.t.Helper()
	s.tmux("send-keys", "-t", s.name, "-l", strings.Join(words, " "))
	s.tmux("send-keys", "-t", s.name, "Enter")
}

func (s *tuiSession) keys(keys ...string) {
	s.t.Helper()
	s.tmux(append([]string{"send-keys", "-t", s.name}, keys...)...)
}

func (s *tuiSession) typeText(text string) {
	s.t.Helper()
	s.tmux("send-keys", "-t", s.name, "-l", text)
}

func (s *tuiSession) screen() string {
	s.t.Helper()
	return s.tmux("capture-pane", "-p", "-t", s.name)
}

// waitFor polls the screen until it shows every one of texts.
func (s *tuiSession) waitFor(texts ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(screenWait)
	for {
		scr := s.screen()
		all := true
		for _, x := range texts {
			if !strings.Contains(scr, x) {
				all = false
			}
		}
		if all {
			return scr
		}
		if s.exited && strings.Contains(scr, "playdrill: ") {
			s.t.Fatalf("playdrill failed while waiting for %q:\n%s", texts, scr)
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("timed out waiting for %q; the screen shows:\n%s", texts, scr)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// waitShell waits for playdrill to exit back to the shell with the
// terminal restored: the alternate screen is off and the prompt shows.
func (s *tuiSession) waitShell() {
	s.t.Helper()
	deadline := time.Now().Add(screenWait)
	for {
		alt := strings.TrimSpace(s.tmux("display-message", "-p", "-t", s.name, "#{alternate_on}"))
		cmd := strings.TrimSpace(s.tmux("display-message", "-p", "-t", s.name, "#{pane_current_command}"))
		if alt == "0" && cmd != "playdrill" && strings.Contains(s.screen(), "e2e$") {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("playdrill did not give the terminal back (alternate screen %s, running %s):\n%s", alt, cmd, s.screen())
		}
		time.Sleep(40 * time.Millisecond)
	}
}

func TestE2ETUIDrillIsRecorded(t *testing.T) {
	s := startTUI(t)
	s.waitFor("E2E Playbook", "Work inquiries into sales-ready leads", "Due now", "rep e2e")
	// A step never read opens on its page first; d there drills.
	s.keys("d")
	s.waitFor("New to you", "d drill it")
	s.keys("d")
	s.waitFor("card 1 of", "Marketing process")
	s.typeText("It meets the rules of engagement for a sales-ready lead")
	s.keys("Enter")
	s.waitFor("Score", "Rate")
	s.keys("3")
	s.waitFor("card 2 of")
	s.keys("Escape")
	s.waitFor("Session over", "Cards answered    1")
	s.keys("Enter")
	s.waitFor("Due now")
	s.keys("q")
	s.waitShell()

	out, stderr, code := runBinary(t, nil, []string{"report", "--format", "json", "--rep", "e2e"},
		"PLAYDRILL_DB="+s.db, "PLAYDRILL_PLAYBOOK="+s.book)
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	var rep struct {
		Reps []struct {
			Rep      string `json:"rep"`
			Attempts int    `json:"attempts"`
		} `json:"reps"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("report output: %v\n%s", err, out)
	}
	if len(rep.Reps) != 1 || rep.Reps[0].Rep != "e2e" || rep.Reps[0].Attempts != 1 {
		t.Fatalf("report after one rated card: %s", out)
	}
}

func TestE2ETUIResize(t *testing.T) {
	s := startTUI(t)
	s.waitFor("Due now")
	s.tmux("resize-window", "-t", s.name, "-x", "40", "-y", "10")
	s.waitFor("Terminal too small")
	s.tmux("resize-window", "-t", s.name, "-x", "100", "-y", "30")
	scr := s.waitFor("Due now", "Work inquiries")
	if strings.Contains(scr, "too small") {
		t.Fatalf("the notice stayed after growing back:\n%s", scr)
	}
	s.keys("C-c")
	s.waitShell()
}

func TestE2ETUICtrlCMidAnswerRestoresTerminal(t *testing.T) {
	s := startTUI(t)
	s.waitFor("Due now")
	s.keys("d")
	s.waitFor("New to you")
	s.keys("d")
	s.waitFor("card 1 of")
	s.typeText("half an ans")
	s.waitFor("half an ans")
	s.keys("C-c")
	s.waitShell()
	if scr := s.screen(); strings.Contains(scr, "card 1 of") {
		t.Fatalf("the app's screen is left behind:\n%s", scr)
	}
	// The shell works normally afterwards (echo, no raw mode).
	s.runLine("echo still-$((40+2))")
	s.waitFor("still-42")
}

// While the TUI is open, the commands that read the database work, a
// second drill records its answers alongside, and the TUI keeps recording
// its own; closing the terminal (SIGHUP) ends playdrill.
func TestE2ETUIOpenSharesTheDatabase(t *testing.T) {
	s := startTUI(t)
	s.waitFor("Due now")
	s.keys("d")
	s.waitFor("New to you")
	s.keys("d")
	s.waitFor("card 1 of 2")
	s.typeText("the rules of engagement for a sales-ready lead")
	s.keys("Enter")
	s.waitFor("Rate")
	s.keys("3")
	s.waitFor("card 2 of 2")
	env := []string{"PLAYDRILL_DB=" + s.db, "PLAYDRILL_PLAYBOOK=" + s.book}
	backup := filepath.Join(s.dir, "backup.db")
	for _, args := range [][]string{
		{"report", "--all", "--format", "json"},
		{"export", "--format", "jsonl"},
		{"export", "--format", "csv", "-o", filepath.Join(s.dir, "out.csv")},
		{"backup", backup},
		{"feedback"},
		{"doctor"},
	} {
		out, stderr, code := runBinary(t, nil, args, env...)
		if code != 0 {
			t.Fatalf("%v while the TUI runs: exit %d, stderr %q", args, code, stderr)
		}
		if args[0] == "report" && !strings.Contains(out, `"rep": "e2e"`) {
			t.Fatalf("report while the TUI runs does not show its answer: %s", out)
		}
	}
	// A second drill, as another rep, on the same file.
	_, stderr, code := runBinary(t, strings.NewReader("why they inquired and the results they want\n3\n:q\n"),
		[]string{"drill", "--plain", "--rep", "other", "--step", "first-call", "--free"}, env...)
	if code != 0 {
		t.Fatalf("a second drill while the TUI runs: exit %d, %s", code, stderr)
	}
	// The TUI records its next answer after all that.
	s.typeText("it is a list, not leads, worked into inquiries")
	s.keys("Enter")
	s.waitFor("Score")
	s.keys("3")
	s.waitFor("Step opened: Hand the lead to sales")
	out, stderr, code := runBinary(t, nil, []string{"export", "--format", "jsonl"}, env...)
	attempts := map[string]int{}
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, `"type":"attempt"`) {
			for _, rep := range []string{"e2e", "other"} {
				if strings.Contains(l, `"rep":"`+rep+`"`) {
					attempts[rep]++
				}
			}
		}
	}
	if code != 0 || attempts["e2e"] != 2 || attempts["other"] != 1 {
		t.Fatalf("export after both drills: exit %d, %s\n%s", code, stderr, out)
	}
	if _, stderr, code := runBinary(t, nil, []string{"doctor", "--db", backup}, env...); code != 0 {
		t.Fatalf("the backup made while the TUI ran is not sound: %s", stderr)
	}
	// Closing the terminal (SIGHUP) ends playdrill.
	s.tmux("kill-server")
	deadline := time.Now().Add(screenWait)
	for {
		_, stderr, code = runBinary(t, nil, []string{"report", "--all", "--format", "json"}, env...)
		if code == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the database stayed locked after the terminal closed: %s", stderr)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// `playdrill drill --step` in a terminal opens the full-screen drill on that
// step; a step still locked is refused on the shell before the screen
// changes.
func TestE2ETUIDrillFlagsOpenTheSession(t *testing.T) {
	s := startTUI(t, "drill", "--step", "first-call", "--free", "--cram")
	// The step's result card: a process of one step has no ordering card.
	s.waitFor("Sales process", "First encounter", "cram", "card 1 of 1")
	s.typeText("why they inquired and the results they want")
	s.keys("Enter")
	s.waitFor("Score 100%")
	s.keys("Enter")
	s.waitFor("Session over", "Cards answered    1")
	s.keys("Enter")
	s.waitFor("Due now")
	s.keys("q")
	s.waitShell()

	s.exited = false // the next run is expected to fail
	s.runLine("PLAYDRILL_DB="+s.db, "PLAYDRILL_REP=e2e", binary(t), "--playbook", s.book, "drill", "--step", "first-call", "; echo exit=$?")
	scr := strings.ReplaceAll(s.waitFor("exit=1"), "\n", "")
	if !strings.Contains(scr, "locked") || !strings.Contains(scr, "--free") {
		t.Fatalf("no clear message about the locked step:\n%s", scr)
	}
	if alt := strings.TrimSpace(s.tmux("display-message", "-p", "-t", s.name, "#{alternate_on}")); alt != "0" {
		t.Fatal("the refused drill left the alternate screen on")
	}
}

// A database another program holds locked (here: this test) makes the
// TUI fail with a clear message before it draws anything, rather than
// hang.
func TestE2ETUILockedDatabaseFailsBeforeStarting(t *testing.T) {
	s := startTUI(t)
	s.waitFor("Due now")
	s.keys("q")
	s.waitShell()
	holder, err := boltdb.Open(s.db, boltdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	s.exited = false // the next run is expected to fail
	s.runLine("PLAYDRILL_DB="+s.db, binary(t), "--playbook", s.book, "; echo exit=$?")
	scr := s.waitFor("exit=1")
	if !strings.Contains(strings.ReplaceAll(scr, "\n", ""), "in use by another playdrill") {
		t.Fatalf("no clear message about the lock:\n%s", scr)
	}
	if alt := strings.TrimSpace(s.tmux("display-message", "-p", "-t", s.name, "#{alternate_on}")); alt != "0" {
		t.Fatal("the refused playdrill left the alternate screen on")
	}
}

func TestE2ETUIReloadsEditedPlaybook(t *testing.T) {
	s := startTUI(t)
	s.waitFor("Hand the lead to sales")
	s.keys("Down")
	edited := strings.Replace(e2ePlaybook, "## Hand the lead to sales {#handoff}", "## Pass the lead to sales {#handoff}", 1)
	if err := os.WriteFile(s.book, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	s.waitFor("Pass the lead to sales", "reloaded")
	broken := strings.Replace(edited, "Result: Sales has accepted the lead.\n", "", 1)
	if err := os.WriteFile(s.book, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	s.waitFor("The playbook has problems", "playbook.md:")
	if err := os.WriteFile(s.book, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	s.waitFor("Pass the lead to sales", "Due now")
	// The selection stayed on the edited step: enter opens it.
	s.keys("Enter")
	s.waitFor("Sales has accepted the lead", "Result")
	s.keys("C-c")
	s.waitShell()
}

// BenchmarkTUIStartup measures start to first frame of `playdrill` on the
// shipped playbook and of a minimal Bubble Tea program that links glamour
// (testdata/tuifloor), alternating the two in one run, and reports their
// ratio (target: at most 1.3x). Both run in a pseudo-terminal from script(1)
// sized 120x40.
func BenchmarkTUIStartup(b *testing.B) {
	if _, err := exec.LookPath("script"); err != nil {
		b.Skip("script(1) is not installed")
	}
	dir := b.TempDir()
	build := func(out, pkg string) string {
		path := filepath.Join(dir, out)
		if msg, err := exec.Command("go", "build", "-o", path, pkg).CombinedOutput(); err != nil {
			b.Fatalf("building %s: %v\n%s", pkg, err, msg)
		}
		return path
	}
	floor := build("tuifloor", "./testdata/tuifloor")
	bin := build("playdrill", ".")
	env := append(os.Environ(), "PLAYDRILL_DB="+filepath.Join(dir, "progress.db"), "PLAYDRILL_REP=bench", "PLAYDRILL_PLAYBOOK=")
	var floorT, appT time.Duration
	for b.Loop() {
		floorT += firstFrame(b, floor, "floor ready", env)
		appT += firstFrame(b, bin, "Due now", env)
	}
	n := float64(b.N)
	b.ReportMetric(float64(floorT.Microseconds())/n/1000, "floor-ms")
	b.ReportMetric(float64(appT.Microseconds())/n/1000, "playdrill-ms")
	b.ReportMetric(float64(appT)/float64(floorT), "x-floor")
}

// firstFrame starts prog in a 120x40 pseudo-terminal and returns the time
// until its output shows want; then it presses q and waits for the exit.
func firstFrame(b *testing.B, prog, want string, env []string) time.Duration {
	b.Helper()
	cmd := exec.Command("script", "-qfec", "stty cols 120 rows 40; exec "+prog, "/dev/null")
	cmd.Env = env
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	var seen strings.Builder
	buf := make([]byte, 64<<10)
	var took time.Duration
	for {
		n, err := stdout.Read(buf)
		seen.Write(buf[:n])
		if strings.Contains(seen.String(), want) {
			took = time.Since(start)
			break
		}
		if err != nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			b.Fatalf("%s ended before its first frame:\n%s", prog, seen.String())
		}
	}
	_, _ = stdin.Write([]byte("q"))
	done := make(chan struct{})
	go func() {
		_, _ = io.Copy(io.Discard, stdout)
		_ = cmd.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		<-done
		b.Fatalf("%s did not quit on q", prog)
	}
	return took
}

// A signal ends the TUI with the terminal given back as it was (out of the
// alternate screen, echo and line editing on) and a non-zero exit: the
// session was cut short, not finished.
func TestE2ETUISignalsRestoreTerminalAndFail(t *testing.T) {
	for _, sig := range []string{"TERM", "INT", "QUIT", "HUP"} {
		t.Run(sig, func(t *testing.T) {
			s := startTUI(t, ";", "echo", "exit=$?")
			s.waitFor("Due now")
			pid := strings.TrimSpace(s.tmux("display-message", "-p", "-t", s.name, "#{pane_pid}"))
			out, err := exec.Command("pgrep", "-P", pid, "playdrill").Output()
			if err != nil {
				t.Fatalf("finding playdrill under the shell %s: %v", pid, err)
			}
			if err := exec.Command("kill", "-"+sig, strings.TrimSpace(string(out))).Run(); err != nil {
				t.Fatal(err)
			}
			s.waitShell()
			s.waitFor("exit=1")
			// The shell reads lines again: echo is on and keys are not raw.
			s.runLine("stty -a | tr ' ' '\\n' | grep -x -e -echo -e -icanon || echo cooked")
			s.waitFor("cooked")
		})
	}
}

// The TUI says at once when its database was deleted mid-drill, and where
// the session's answers are kept.
func TestE2ETUITellsWhereAnswersAreKeptWhenDatabaseIsDeleted(t *testing.T) {
	s := startTUI(t)
	s.waitFor("Due now")
	s.keys("d")
	s.waitFor("New to you")
	s.keys("d")
	s.waitFor("card 1 of")
	if err := os.Remove(s.db); err != nil {
		t.Fatal(err)
	}
	s.typeText("It meets the rules of engagement for a sales-ready lead")
	s.keys("Enter")
	s.waitFor("Score", "Rate")
	s.keys("3")
	s.waitFor("answers kept in " + s.dir)
	kept, err := filepath.Glob(filepath.Join(s.dir, "progress.recovered-*.db"))
	if err != nil || len(kept) != 1 {
		t.Fatalf("recovery files %v (%v)", kept, err)
	}
	s.keys("Escape")
	s.keys("q")
	s.keys("C-c")
	s.waitShell()
}
