package tui

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// fakePush counts pushes and answers from a script.
type fakePush struct {
	mu    sync.Mutex
	calls int
	fail  error
}

func (f *fakePush) push(context.Context) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.fail != nil {
		return "", f.fail
	}
	return "sent 2 xAPI statements to https://lrs.example.com/xapi", nil
}

// endSession leaves a session and its summary for Home.
func (hs *harness) endSession() {
	hs.t.Helper()
	hs.key("esc")
	if strings.Contains(hs.screenText(), "Session over") {
		hs.key("enter")
	}
	hs.wantScreen("Due now")
}

func withPush(f *fakePush) harnessOpt {
	return func(c *Config, _ *fakeEngine) { c.Push = f.push }
}

// With push on, ending a session that recorded answers sends them in the
// background and Home says how it went; a session with no answers sends
// nothing.
func TestPushAfterSessionShowsOnHome(t *testing.T) {
	f := &fakePush{}
	hs := newHarness(t, 100, 30, withPush(f))
	hs.key("d")
	hs.endSession()
	if f.calls != 0 {
		t.Fatalf("a session without answers pushed %d times", f.calls)
	}
	hs.wantNoScreen("Last push")
	hs.key("d")
	hs.typeText("meets the rules of engagement")
	hs.key("enter", "3")
	hs.endSession()
	if f.calls != 1 {
		t.Fatalf("%d pushes after a session with an answer, want 1", f.calls)
	}
	if !regexp.MustCompile(`Last push \d\d:\d\d: sent 2 xAPI statements`).MatchString(hs.screenText()) {
		t.Errorf("Home does not say how the push went:\n%s", hs.screenText())
	}
}

// A failed push is said on Home and drilling goes on; the answers are
// sent after the next session.
func TestFailedPushNeverBlocksDrilling(t *testing.T) {
	f := &fakePush{fail: errors.New("cannot reach the LRS at https://lrs.example.com: connection refused")}
	hs := newHarness(t, 100, 30, withPush(f))
	hs.key("d")
	hs.typeText("meets the rules of engagement")
	hs.key("enter", "3")
	hs.endSession()
	hs.wantScreen("Push to the LRS failed, tried again after the next session: cannot reach")
	hs.key("d")
	hs.wantScreen("Type your answer")
	hs.typeText("meets the rules of engagement")
	hs.key("enter", "3")
	f.fail = nil
	hs.endSession()
	if f.calls != 2 {
		t.Errorf("%d pushes, want the failed one tried again after the next session", f.calls)
	}
	hs.wantScreen("Last push")
}
