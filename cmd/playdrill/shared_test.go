package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/playdrill/playdrill/internal/boltdb"
	"github.com/playdrill/playdrill/internal/playbook"
)

// Two drills at once on one database and one rep, each started again and
// again: every attempt is stored once, and each card's schedule counts
// every answer to it, whichever process gave it.
func TestTwoDrillProcessesLoseNoAttempt(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "playbook.md")
	if err := os.WriteFile(book, []byte(e2ePlaybook), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "progress.db")
	env := []string{"PLAYDRILL_DB=" + db, "PLAYDRILL_PLAYBOOK=" + book, "PLAYDRILL_REP=ana"}
	const runs = 5 // per process; each answers the step's two cards
	var wg sync.WaitGroup
	errs := make(chan error, 2*runs)
	for p := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range runs {
				in := strings.NewReader(fmt.Sprintf("rules of engagement, sales-ready %d-%d\n3\na list, not leads %d-%d\n3\n", p, i, p, i))
				_, stderr, code := runBinary(t, in, []string{"drill", "--plain", "--step", "qualify"}, env...)
				if code != 0 {
					errs <- fmt.Errorf("drill %d.%d: exit %d, %s", p, i, code, stderr)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if _, stderr, code := runBinary(t, nil, []string{"doctor"}, env...); code != 0 {
		t.Fatalf("doctor: %s", stderr)
	}
	store, err := boltdb.Open(db, boltdb.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	perCard := map[string]int{}
	responses := map[string]bool{}
	if err := store.Attempts("ana", func(a playbook.Attempt) error {
		perCard[a.Card]++
		responses[a.Response] = true
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(responses) != 2*2*runs {
		t.Fatalf("%d distinct answers stored, want %d", len(responses), 2*2*runs)
	}
	states, err := store.States("ana")
	if err != nil {
		t.Fatal(err)
	}
	for card, n := range perCard {
		if st := states[card]; st.Attempts != n || int(st.Reps) != n {
			t.Errorf("card %s: %d attempts stored, its schedule counts %d attempts and %d reviews", card, n, st.Attempts, st.Reps)
		}
	}
}
