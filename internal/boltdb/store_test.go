package boltdb

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
)

// zone is the test clock's location, away from UTC so day keys are tested.
var zone = time.FixedZone("test", -5*3600)

// t0 is 23:30 local on 2025-03-09, 04:30 UTC on the 10th.
var t0 = time.Date(2025, 3, 9, 23, 30, 0, 0, zone)

func fixedClock(t time.Time) func() time.Time { return func() time.Time { return t } }

// openTest opens a fresh database in a temporary folder; at cleanup it
// runs bbolt's consistency check and closes it.
func openTest(t testing.TB) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "progress.db")
	db, err := Open(path, Options{Now: fixedClock(t0)})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Check(); err != nil {
			t.Errorf("consistency check: %v", err)
		}
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return db, path
}

// newStore opens a fresh database for a test that closes it itself and
// checks the file on its own.
func newStore(t testing.TB) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "progress.db")
	db, err := Open(path, Options{Now: fixedClock(t0)})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return db, path
}

func attempt(id, rep, card string, at time.Time) playbook.Attempt {
	return playbook.Attempt{
		ID: id, Rep: rep, Card: card, Hash: "h-" + card, Step: "discovery", Process: "sales",
		Kind: playbook.KindRecall, PlaybookVersion: "v1", At: at, Response: "ask about budget",
		Score: 0.75, Suggested: playbook.Good, Rating: playbook.Hard, Duration: 1500 * time.Millisecond,
	}
}

func allAttempts(t *testing.T, db *DB, rep string) []playbook.Attempt {
	t.Helper()
	var out []playbook.Attempt
	if err := db.Attempts(rep, func(a playbook.Attempt) error {
		out = append(out, a)
		return nil
	}); err != nil {
		t.Fatalf("Attempts(%q): %v", rep, err)
	}
	return out
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := playbook.ErrorCode(err); got != code {
		t.Fatalf("error %v: code %q, want %q", err, got, code)
	}
}

func TestRecordStoresAttemptStateAndCompletion(t *testing.T) {
	db, _ := openTest(t)
	state := &playbook.CardState{Due: t0.Add(48 * time.Hour), Stability: 2.5, Difficulty: 5.1, Reps: 1, State: 2,
		LastReview: t0, Attempts: 1, LastAt: t0, LastScore: 0.75, LastResponse: "ask about budget", LastHash: "h-c1", Passed: []string{"h-c1"}}
	done := &playbook.Completion{Step: "discovery", Process: "sales", PlaybookVersion: "v1"}
	a := attempt("a1", "ana", "c1", t0)
	if err := db.Record(playbook.Record{Attempt: a, State: state, Completion: done}); err != nil {
		t.Fatalf("Record: %v", err)
	}

	got := allAttempts(t, db, "ana")
	if len(got) != 1 {
		t.Fatalf("attempts: %d, want 1", len(got))
	}
	if !got[0].At.Equal(a.At) {
		t.Errorf("At %v, want %v", got[0].At, a.At)
	}
	got[0].At = a.At
	if !reflect.DeepEqual(got[0], a) {
		t.Errorf("attempt read back\n got %+v\nwant %+v", got[0], a)
	}

	states, err := db.States("ana")
	if err != nil {
		t.Fatal(err)
	}
	s, ok := states["c1"]
	if !ok || s.Card != "c1" || s.Stability != 2.5 || !s.Due.Equal(state.Due) || !s.PassedHash("h-c1") || s.LastResponse != "ask about budget" {
		t.Errorf("state read back: %+v", s)
	}

	comps, err := db.Completions("ana")
	if err != nil {
		t.Fatal(err)
	}
	if len(comps) != 1 || comps[0].Rep != "ana" || comps[0].Step != "discovery" || !comps[0].At.Equal(t0) {
		t.Errorf("completions: %+v", comps)
	}

	tot, err := db.Totals("ana")
	if err != nil {
		t.Fatal(err)
	}
	if tot.Rep != "ana" || tot.Attempts != 1 || tot.ScoreSum != 0.75 || !tot.FirstAt.Equal(t0) || !tot.LastAt.Equal(t0) {
		t.Errorf("totals: %+v", tot)
	}
}

func TestRecordFillsIDAndTimeFromClock(t *testing.T) {
	db, _ := openTest(t)
	a := attempt("", "ana", "c1", time.Time{})
	if err := db.Record(playbook.Record{Attempt: a}); err != nil {
		t.Fatal(err)
	}
	got := allAttempts(t, db, "ana")
	if len(got) != 1 || len(got[0].ID) != 36 || !got[0].At.Equal(t0) {
		t.Fatalf("attempt: %+v", got)
	}
	if got[0].At.Location() != zone {
		t.Errorf("At is in %v, want the clock's location", got[0].At.Location())
	}
}

func TestRecordRefusesBadInputAndWritesNothing(t *testing.T) {
	db, _ := openTest(t)
	if err := db.Record(playbook.Record{Attempt: attempt("a1", "ana", "c1", t0)}); err != nil {
		t.Fatal(err)
	}
	bad := map[string]playbook.Record{
		"no rep":         {Attempt: attempt("a2", "", "c1", t0)},
		"no card":        {Attempt: attempt("a2", "ana", "", t0)},
		"duplicate":      {Attempt: attempt("a1", "ana", "c1", t0)},
		"state mismatch": {Attempt: attempt("a2", "ana", "c1", t0), State: &playbook.CardState{Card: "c2"}},
		"completion rep": {Attempt: attempt("a2", "ana", "c1", t0), Completion: &playbook.Completion{Rep: "bo", Step: "s"}},
	}
	for name, r := range bad {
		t.Run(name, func(t *testing.T) {
			wantCode(t, db.Record(r), playbook.EInvalid)
		})
	}
	tot, _ := db.Totals("ana")
	if n := len(allAttempts(t, db, "ana")); n != 1 || tot.Attempts != 1 {
		t.Errorf("after refused records: %d attempts, totals %d; want 1", n, tot.Attempts)
	}
	if reps, _ := db.Reps(); !reflect.DeepEqual(reps, []string{"ana"}) {
		t.Errorf("reps %v", reps)
	}
}

func TestCramLeavesStateAndCountsTotals(t *testing.T) {
	db, _ := openTest(t)
	first := &playbook.CardState{Stability: 1, Reps: 1}
	if err := db.Record(playbook.Record{Attempt: attempt("a1", "ana", "c1", t0), State: first}); err != nil {
		t.Fatal(err)
	}
	cram := attempt("a2", "ana", "c1", t0.Add(time.Hour))
	cram.Cram, cram.Score = true, 0.25
	if err := db.Record(playbook.Record{Attempt: cram}); err != nil {
		t.Fatal(err)
	}
	states, _ := db.States("ana")
	if s := states["c1"]; s.Stability != 1 || s.Reps != 1 {
		t.Errorf("cram changed the state: %+v", s)
	}
	tot, _ := db.Totals("ana")
	if tot.Attempts != 2 || tot.Cram != 1 || tot.ScoreSum != 1.0 || !tot.LastAt.Equal(cram.At) || !tot.FirstAt.Equal(t0) {
		t.Errorf("totals %+v", tot)
	}
}

func TestRepsSortedAndTotalsOfUnknownRep(t *testing.T) {
	db, _ := openTest(t)
	for i, rep := range []string{"zoe", "ana", "bo"} {
		if err := db.Record(playbook.Record{Attempt: attempt(fmt.Sprint("a", i), rep, "c1", t0)}); err != nil {
			t.Fatal(err)
		}
	}
	reps, err := db.Reps()
	if err != nil || !reflect.DeepEqual(reps, []string{"ana", "bo", "zoe"}) {
		t.Fatalf("Reps: %v, %v", reps, err)
	}
	tot, err := db.Totals("nobody")
	if err != nil || tot != (playbook.RepTotals{Rep: "nobody"}) {
		t.Errorf("Totals(nobody): %+v, %v", tot, err)
	}
	states, err := db.States("nobody")
	if err != nil || len(states) != 0 {
		t.Errorf("States(nobody): %v, %v", states, err)
	}
	comps, err := db.Completions("nobody")
	if err != nil || len(comps) != 0 {
		t.Errorf("Completions(nobody): %v, %v", comps, err)
	}
	if got := allAttempts(t, db, "nobody"); len(got) != 0 {
		t.Errorf("Attempts(nobody): %v", got)
	}
}

func TestAttemptsInTimeOrderAcrossChunks(t *testing.T) {
	db, _ := openTest(t)
	n := 2*attemptChunk + 7
	// Record in an order that is not time order.
	var batch []playbook.Attempt
	for i := 0; i < n; i++ {
		j := (i * 7919) % n
		batch = append(batch, attempt(fmt.Sprintf("id-%05d", j), "ana", "c1", t0.Add(time.Duration(j)*time.Second)))
	}
	if added, err := db.Import(playbook.ImportBatch{Attempts: batch}); err != nil || added != n {
		t.Fatalf("Import: %d, %v", added, err)
	}
	got := allAttempts(t, db, "ana")
	if len(got) != n {
		t.Fatalf("%d attempts, want %d", len(got), n)
	}
	for i, a := range got {
		if a.ID != fmt.Sprintf("id-%05d", i) {
			t.Fatalf("attempt %d is %s", i, a.ID)
		}
	}
}

func TestAttemptsBeforeEpochSortFirst(t *testing.T) {
	db, _ := openTest(t)
	old := time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, a := range []playbook.Attempt{attempt("new", "ana", "c", t0), attempt("old", "ana", "c", old)} {
		if err := db.Record(playbook.Record{Attempt: a}); err != nil {
			t.Fatal(err)
		}
	}
	got := allAttempts(t, db, "ana")
	if len(got) != 2 || got[0].ID != "old" || !got[0].At.Equal(old) {
		t.Fatalf("order: %+v", got)
	}
}

func TestAttemptsStopsOnErrorAndAllowsWritesInCallback(t *testing.T) {
	db, _ := openTest(t)
	for i := 0; i < 3; i++ {
		if err := db.Record(playbook.Record{Attempt: attempt(fmt.Sprint("a", i), "ana", "c1", t0.Add(time.Duration(i)*time.Minute))}); err != nil {
			t.Fatal(err)
		}
	}
	stop := errors.New("stop")
	seen := 0
	err := db.Attempts("ana", func(a playbook.Attempt) error {
		seen++
		// Writing from the callback must not deadlock: no transaction is open.
		if err := db.AddFeedback(playbook.Feedback{Rep: "ana", Card: a.Card, Text: "seen"}); err != nil {
			return err
		}
		if seen == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || seen != 2 {
		t.Fatalf("Attempts: err %v after %d calls, want stop after 2", err, seen)
	}
}

func TestAttemptsOfEveryRep(t *testing.T) {
	db, _ := openTest(t)
	recs := []playbook.Attempt{attempt("b1", "bo", "c", t0), attempt("a1", "ana", "c", t0.Add(time.Hour)), attempt("a0", "ana", "c", t0)}
	for _, a := range recs {
		if err := db.Record(playbook.Record{Attempt: a}); err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	for _, a := range allAttempts(t, db, "") {
		ids = append(ids, a.Rep+"/"+a.ID)
	}
	if want := []string{"ana/a0", "ana/a1", "bo/b1"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("all attempts %v, want %v", ids, want)
	}
}

func TestActivityCountsDaysInClockLocation(t *testing.T) {
	db, _ := openTest(t)
	// t0 is late on the 9th locally but already the 10th in UTC.
	times := []time.Time{t0, t0.Add(10 * time.Minute), t0.Add(time.Hour), t0.Add(72 * time.Hour)}
	for i, at := range times {
		if err := db.Record(playbook.Record{Attempt: attempt(fmt.Sprint("a", i), "ana", "c", at)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Record(playbook.Record{Attempt: attempt("b", "bo", "c", t0)}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Activity("ana", t0.Add(-24*time.Hour), t0.Add(48*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"2025-03-09": 2, "2025-03-10": 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("Activity(ana) = %v, want %v", got, want)
	}
	all, err := db.Activity("", t0, t0.Add(72*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"2025-03-09": 3, "2025-03-10": 1, "2025-03-12": 1}; !reflect.DeepEqual(all, want) {
		t.Errorf("Activity(all) = %v, want %v", all, want)
	}
	none, err := db.Activity("nobody", t0, t0)
	if err != nil || len(none) != 0 {
		t.Errorf("Activity(nobody) = %v, %v", none, err)
	}
}

func TestFeedbackInTimeOrder(t *testing.T) {
	db, _ := openTest(t)
	late := playbook.Feedback{ID: "f2", Rep: "bo", Card: "c2", Hash: "h2", Step: "s", At: t0.Add(time.Hour), Text: "prospects laugh"}
	early := playbook.Feedback{Rep: "ana", Card: "c1", Text: "too long"}
	for _, f := range []playbook.Feedback{late, early} {
		if err := db.AddFeedback(f); err != nil {
			t.Fatal(err)
		}
	}
	wantCode(t, db.AddFeedback(playbook.Feedback{Rep: "ana"}), playbook.EInvalid)
	got, err := db.Feedback()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Text != "too long" || !got[0].At.Equal(t0) || len(got[0].ID) != 36 {
		t.Fatalf("feedback: %+v", got)
	}
	got[1].At = late.At
	if !reflect.DeepEqual(got[1], late) {
		t.Errorf("feedback read back %+v, want %+v", got[1], late)
	}
}

func TestImportDedupesAndReplacesStates(t *testing.T) {
	db, _ := openTest(t)
	if err := db.Record(playbook.Record{
		Attempt:    attempt("a1", "ana", "c1", t0),
		State:      &playbook.CardState{Stability: 9},
		Completion: &playbook.Completion{Step: "old"},
	}); err != nil {
		t.Fatal(err)
	}
	batch := playbook.ImportBatch{
		Attempts: []playbook.Attempt{
			attempt("a1", "ana", "c1", t0), // already there
			attempt("a2", "ana", "c2", t0.Add(time.Hour)),
			attempt("b1", "bo", "c1", t0.Add(2*time.Hour)),
			attempt("b1", "bo", "c1", t0.Add(2*time.Hour)), // twice in one batch
		},
		States: map[string][]playbook.CardState{
			"ana": {{Card: "c2", Stability: 3}},
		},
		Completions: map[string][]playbook.Completion{
			"ana": {{Step: "discovery", At: t0.Add(time.Hour)}},
		},
	}
	added, err := db.Import(batch)
	if err != nil || added != 2 {
		t.Fatalf("Import: added %d, %v; want 2", added, err)
	}
	if added, err := db.Import(batch); err != nil || added != 0 {
		t.Fatalf("second Import: added %d, %v; want 0", added, err)
	}
	states, _ := db.States("ana")
	if len(states) != 1 || states["c2"].Stability != 3 {
		t.Errorf("states not replaced: %+v", states)
	}
	comps, _ := db.Completions("ana")
	if len(comps) != 1 || comps[0].Step != "discovery" || comps[0].Rep != "ana" {
		t.Errorf("completions not replaced: %+v", comps)
	}
	if tot, _ := db.Totals("ana"); tot.Attempts != 2 {
		t.Errorf("ana totals %+v, want 2 attempts", tot)
	}
	if tot, _ := db.Totals("bo"); tot.Attempts != 1 {
		t.Errorf("bo totals %+v, want 1 attempt", tot)
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	db, _ := openTest(t)
	good := attempt("a1", "ana", "c1", t0)
	for name, b := range map[string]playbook.ImportBatch{
		"attempt without id":     {Attempts: []playbook.Attempt{good, attempt("", "ana", "c1", t0)}},
		"attempt without time":   {Attempts: []playbook.Attempt{good, attempt("x", "ana", "c1", time.Time{})}},
		"states without rep":     {Attempts: []playbook.Attempt{good}, States: map[string][]playbook.CardState{"": nil}},
		"state without card":     {Attempts: []playbook.Attempt{good}, States: map[string][]playbook.CardState{"ana": {{}}}},
		"completions of nobody?": {Attempts: []playbook.Attempt{good}, Completions: map[string][]playbook.Completion{"": nil}},
	} {
		t.Run(name, func(t *testing.T) {
			added, err := db.Import(b)
			wantCode(t, err, playbook.EInvalid)
			if added != 0 {
				t.Errorf("added %d", added)
			}
		})
	}
	if reps, _ := db.Reps(); len(reps) != 0 {
		t.Errorf("a refused import left reps %v", reps)
	}
}

func TestReadOnlyRefusesWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.db")
	_, err := Open(path, Options{ReadOnly: true})
	wantCode(t, err, playbook.ENotFound)
	db, err := Open(path, Options{Now: fixedClock(t0)})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Record(playbook.Record{Attempt: attempt("a1", "ana", "c1", t0)}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	ro, err := Open(path, Options{ReadOnly: true, Now: fixedClock(t0)})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	wantCode(t, ro.Record(playbook.Record{Attempt: attempt("a2", "ana", "c1", t0)}), playbook.EInvalid)
	wantCode(t, ro.AddFeedback(playbook.Feedback{Rep: "ana", Card: "c1"}), playbook.EInvalid)
	if tot, err := ro.Totals("ana"); err != nil || tot.Attempts != 1 {
		t.Errorf("read-only Totals: %+v, %v", tot, err)
	}
	// Two readers share the file.
	ro2, err := Open(path, Options{ReadOnly: true, Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatalf("second reader: %v", err)
	}
	ro2.Close()
}

func TestNewFileIsPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "playdrill")
	path := filepath.Join(dir, "progress.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s mode %o, want %o", filepath.Base(p), got, want)
		}
	}
	// Nothing but the database is left in the folder.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want just the database", len(entries))
	}
	// An existing file with a looser mode is made private.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("reopened file mode %o, want 600", info.Mode().Perm())
	}
}

func TestClosedDatabaseGivesErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := db.Reps(); err == nil {
		t.Error("Reps on a closed database succeeded")
	}
	if err := db.Record(playbook.Record{Attempt: attempt("a", "ana", "c", t0)}); err == nil {
		t.Error("Record on a closed database succeeded")
	}
}

// A record scheduled from states that reflect another number of the rep's
// attempts than the store holds is refused with EConflict, storing nothing.
func TestRecordRefusesStaleSeen(t *testing.T) {
	db, _ := openTest(t)
	st := playbook.CardState{Card: "c", Attempts: 1}
	zero, one := 0, 1
	if err := db.Record(playbook.Record{Attempt: attempt("a1", "ana", "c", t0), State: &st, Seen: &zero}); err != nil {
		t.Fatal(err)
	}
	err := db.Record(playbook.Record{Attempt: attempt("a2", "ana", "c", t0.Add(time.Minute)), State: &st, Seen: &zero})
	if playbook.ErrorCode(err) != playbook.EConflict {
		t.Fatalf("stale record: err %v, want EConflict", err)
	}
	if tot, _ := db.Totals("ana"); tot.Attempts != 1 {
		t.Fatalf("%d attempts after a refused record, want 1", tot.Attempts)
	}
	if err := db.Record(playbook.Record{Attempt: attempt("a2", "ana", "c", t0.Add(time.Minute)), State: &st, Seen: &one}); err != nil {
		t.Fatal(err)
	}
}

// A database opened Shared holds no lock between transactions: another
// process can open the file, read and write it, and the shared one sees
// what the other wrote.
func TestSharedLeavesTheFileFreeBetweenTransactions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.db")
	shared, err := Open(path, Options{Now: fixedClock(t0), Shared: true})
	if err != nil {
		t.Fatal(err)
	}
	defer shared.Close()
	if err := shared.Record(playbook.Record{Attempt: attempt("a1", "ana", "c", t0)}); err != nil {
		t.Fatal(err)
	}
	other, err := Open(path, Options{Now: fixedClock(t0), Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatalf("a second open while the shared one is open: %v", err)
	}
	if err := other.Record(playbook.Record{Attempt: attempt("a2", "ana", "c", t0.Add(time.Minute))}); err != nil {
		t.Fatal(err)
	}
	// While the other holds the file, the shared one's writes wait and
	// then fail plainly rather than hang.
	err = shared.Record(playbook.Record{Attempt: attempt("a3", "ana", "c", t0.Add(2*time.Minute))})
	if playbook.ErrorCode(err) != playbook.ELocked {
		t.Fatalf("write while another holds the file: %v, want ELocked", err)
	}
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}
	if err := shared.Record(playbook.Record{Attempt: attempt("a3", "ana", "c", t0.Add(2*time.Minute))}); err != nil {
		t.Fatal(err)
	}
	if tot, err := shared.Totals("ana"); err != nil || tot.Attempts != 3 {
		t.Fatalf("totals %+v, %v; want the 3 attempts of both", tot, err)
	}
}

// A shared database whose file is deleted between transactions copies
// what it held to a recovery file, commits the answer that found it gone
// there, and records nothing more.
func TestSharedRescuesADeletedFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "progress.db")
	shared, err := Open(path, Options{Now: fixedClock(t0), Shared: true})
	if err != nil {
		t.Fatal(err)
	}
	defer shared.Close()
	if err := shared.Record(playbook.Record{Attempt: attempt("a1", "ana", "c", t0)}); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	err = shared.Record(playbook.Record{Attempt: attempt("a2", "ana", "c", t0.Add(time.Minute))})
	if playbook.ErrorCode(err) != playbook.EMoved || !strings.Contains(err.Error(), "deleted") {
		t.Fatalf("write after the file was deleted: %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Fatal("a new file was made where the deleted one was")
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "progress.recovered-*.db"))
	if len(matches) != 1 {
		t.Fatalf("recovery files %v", matches)
	}
	rec, err := Open(matches[0], Options{Now: fixedClock(t0), ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Close()
	if tot, _ := rec.Totals("ana"); tot.Attempts != 2 {
		t.Fatalf("the recovery file holds %d attempts, want both", tot.Attempts)
	}
	if err := shared.Record(playbook.Record{Attempt: attempt("a3", "ana", "c", t0.Add(2*time.Minute))}); playbook.ErrorCode(err) != playbook.EMoved {
		t.Fatalf("a write after the rescue: %v, want the same EMoved", err)
	}
}

// A shared database keeps its handle between transactions; when another
// process writes meanwhile (allocating and freeing pages), the next
// transaction works from the file as it now is: nothing is overwritten,
// every attempt of both is kept, and the file stays consistent.
func TestSharedSeesAnotherWritersPages(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.db")
	shared, err := Open(path, Options{Now: fixedClock(t0), Shared: true})
	if err != nil {
		t.Fatal(err)
	}
	defer shared.Close()
	at := t0
	n := 0
	record := func(db *DB, who string) {
		t.Helper()
		n++
		at = at.Add(time.Minute)
		st := playbook.CardState{Card: fmt.Sprintf("c%d", n%40), Reps: uint64(n)}
		if err := db.Record(playbook.Record{Attempt: attempt(fmt.Sprintf("%s-%d", who, n), "ana", st.Card, at), State: &st}); err != nil {
			t.Fatalf("%s's attempt %d: %v", who, n, err)
		}
	}
	for round := range 3 {
		for range 30 {
			record(shared, "shared")
		}
		other, err := Open(path, Options{Now: fixedClock(t0), Timeout: 200 * time.Millisecond})
		if err != nil {
			t.Fatalf("round %d: a second open while the shared one is open: %v", round, err)
		}
		for range 150 {
			record(other, "other")
		}
		if err := other.Close(); err != nil {
			t.Fatal(err)
		}
	}
	for range 30 {
		record(shared, "shared")
	}
	if tot, err := shared.Totals("ana"); err != nil || tot.Attempts != n {
		t.Fatalf("totals %+v, %v; want the %d attempts of both", tot, err, n)
	}
	if err := shared.Check(); err != nil {
		t.Fatalf("the file after both wrote: %v", err)
	}
	if err := shared.Close(); err != nil {
		t.Fatal(err)
	}
	rep, err := Check(path, Options{})
	if err != nil || !rep.Healthy() {
		t.Fatalf("doctor's check: %+v, %v", rep, err)
	}
}
