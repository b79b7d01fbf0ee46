package boltdb

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/playdrill/playdrill/internal/playbook"
)

// The test binary doubles as the child process of the lock and kill
// tests: with PLAYDRILL_STORE_CHILD set it runs a child role and exits.
func TestMain(m *testing.M) {
	if role := os.Getenv("PLAYDRILL_STORE_CHILD"); role != "" {
		os.Exit(child(role, os.Getenv("PLAYDRILL_STORE_PATH")))
	}
	code := m.Run()
	for _, d := range benchDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

func child(role, path string) int {
	db, err := Open(path, Options{Timeout: 5 * time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer db.Close()
	fmt.Println("ready")
	switch role {
	case "hold":
		// Keep the lock until the parent closes our stdin.
		_, _ = io.Copy(io.Discard, os.Stdin)
		return 0
	case "record":
		return childRecord(db, os.Getenv("PLAYDRILL_STORE_CYCLE"))
	}
	fmt.Fprintln(os.Stderr, "unknown role", role)
	return 2
}

// childRecord records attempts until killed and acknowledges each one on
// stdout only after Record has returned. Each cycle drills its own card,
// and the card's state counts its attempts, so the parent can tell that
// attempt and state were committed together.
func childRecord(db *DB, cycle string) int {
	n, _ := strconv.Atoi(cycle)
	base := t0.Add(time.Duration(n) * time.Hour)
	card := "card-" + cycle
	for i := 0; ; i++ {
		a := attempt(fmt.Sprintf("%s-%d", cycle, i), "ana", card, base.Add(time.Duration(i)*time.Second))
		a.Response = strings.Repeat("a long enough answer ", 1+i%20)
		r := playbook.Record{Attempt: a, State: &playbook.CardState{Attempts: i + 1, LastAt: a.At}}
		if i%10 == 9 {
			r.Completion = &playbook.Completion{Step: "discovery"}
		}
		if err := db.Record(r); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Println("ack", a.ID)
	}
}

// startChild runs the test binary in a child role and returns it with a
// reader of its stdout.
func startChild(t *testing.T, role, path string, env ...string) (*exec.Cmd, *bufio.Reader, io.WriteCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), append([]string{"PLAYDRILL_STORE_CHILD=" + role, "PLAYDRILL_STORE_PATH=" + path}, env...)...)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewReader(out), stdin
}

func TestLockedByAnotherProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	cmd, out, stdin := startChild(t, "hold", path)
	if line, err := out.ReadString('\n'); err != nil || line != "ready\n" {
		t.Fatalf("child: %q, %v", line, err)
	}

	for _, ro := range []bool{false, true} {
		start := time.Now()
		_, err := Open(path, Options{Timeout: 500 * time.Millisecond, ReadOnly: ro})
		took := time.Since(start)
		wantCode(t, err, playbook.ELocked)
		if msg := err.Error(); !strings.Contains(msg, path) || !strings.Contains(msg, "another playdrill") {
			t.Errorf("read-only %v: message %q should name the file and say another playdrill uses it", ro, msg)
		}
		// The child holds the lock until told: without the timeout Open
		// would wait for ever. The bound is loose so a loaded machine
		// cannot fail it.
		if took > time.Minute {
			t.Errorf("read-only %v: ELocked after %v, want about the 500ms timeout", ro, took)
		}
		if rep, err := Check(path, Options{Timeout: 100 * time.Millisecond}); rep != nil || playbook.ErrorCode(err) != playbook.ELocked {
			t.Errorf("Check of a locked file: %v, %v", rep, err)
		}
	}

	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	db, err = Open(path, Options{Timeout: time.Second})
	if err != nil {
		t.Fatalf("open after the other process let go: %v", err)
	}
	db.Close()
}

// TestKillNineLosesNoAcknowledgedAttempt kills a recording child at random
// moments, over and over on the same file, and checks after each kill that
// every attempt the child acknowledged is there, with its card state, and
// that the file passes bbolt's consistency check.
func TestKillNineLosesNoAcknowledgedAttempt(t *testing.T) {
	cycles := 100
	if testing.Short() {
		cycles = 20
	}
	path := filepath.Join(t.TempDir(), "progress.db")
	rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
	acked := map[string]bool{}
	total := 0
	for cycle := 0; cycle < cycles; cycle++ {
		cmd, out, stdin := startChild(t, "record", path, "PLAYDRILL_STORE_CYCLE="+strconv.Itoa(cycle))
		var mu sync.Mutex
		var lines []string
		ready := make(chan struct{})
		done := make(chan struct{})
		go func() {
			defer close(done)
			once := sync.OnceFunc(func() { close(ready) })
			defer once()
			for {
				line, err := out.ReadString('\n')
				if err != nil {
					return // a partial line was never acknowledged
				}
				if line == "ready\n" {
					once()
					continue
				}
				mu.Lock()
				lines = append(lines, strings.TrimSpace(line))
				mu.Unlock()
			}
		}()
		if cycle%4 != 0 {
			// Most kills land while attempts are being written...
			<-ready
		}
		// ...and some while the child is still opening (or creating) it.
		time.Sleep(time.Duration(rng.IntN(50000)) * time.Microsecond)
		_ = cmd.Process.Kill()
		// Read to the end before Wait, which closes the pipe: acks the
		// child wrote before it died are still in the pipe.
		<-done
		_ = cmd.Wait()
		stdin.Close()
		for _, l := range lines {
			id, ok := strings.CutPrefix(l, "ack ")
			if !ok {
				t.Fatalf("child said %q", l)
			}
			acked[id] = true
		}
		total += len(lines)
		verifyAfterKill(t, path, acked)
	}
	t.Logf("%d kill cycles, %d acknowledged attempts", cycles, total)
	if total == 0 {
		t.Fatal("no attempt was ever acknowledged: the kills all came too early to test anything")
	}
}

func verifyAfterKill(t *testing.T, path string, acked map[string]bool) {
	t.Helper()
	if _, err := os.Stat(path); os.IsNotExist(err) {
		if len(acked) > 0 {
			t.Fatal("the database vanished")
		}
		return // killed before the file was created
	}
	db, err := Open(path, Options{Timeout: 5 * time.Second, Now: fixedClock(t0)})
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer db.Close()
	if err := db.Check(); err != nil {
		t.Fatalf("consistency check after kill: %v", err)
	}
	stored := map[string]bool{}
	perCard := map[string]int{}
	if err := db.Attempts("ana", func(a playbook.Attempt) error {
		stored[a.ID] = true
		perCard[a.Card]++
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for id := range acked {
		if !stored[id] {
			t.Fatalf("acknowledged attempt %s is missing after kill -9", id)
		}
	}
	tot, err := db.Totals("ana")
	if err != nil {
		t.Fatal(err)
	}
	if tot.Attempts != len(stored) {
		t.Fatalf("totals count %d attempts, the file holds %d", tot.Attempts, len(stored))
	}
	states, err := db.States("ana")
	if err != nil {
		t.Fatal(err)
	}
	for card, n := range perCard {
		if states[card].Attempts != n {
			t.Fatalf("card %s: state counts %d attempts, the file holds %d", card, states[card].Attempts, n)
		}
	}
	if err := db.bolt.View(func(tx *bolt.Tx) error {
		rb := findRep(tx, "ana")
		if rb == nil {
			return nil // killed before the first attempt
		}
		if problems, n := checkRep(rb); len(problems) > 0 || n != len(stored) {
			return fmt.Errorf("%d attempts against %d read: %v", n, len(stored), problems)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}
