package xapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/boltdb"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/records"
)

func benchAttempt(rep string, i int, at time.Time) playbook.Attempt {
	return playbook.Attempt{ID: fmt.Sprintf("0b7e6c1e-0000-4000-8000-%012d", i), Rep: rep, Card: fmt.Sprintf("p1-s%d/c%d", i%8, i%8),
		Hash: "3f2a9c0b1d7e", Step: fmt.Sprintf("p1-s%d", i%8), Process: "p1", Kind: playbook.KindRecall, PlaybookVersion: "2026.11",
		At: at, Response: "The inquiry meets the rules of engagement for a sales-ready lead.", Score: 0.875,
		Suggested: playbook.Good, Rating: playbook.Good, Duration: 12 * time.Second,
		Facts: &playbook.Facts{Prompt: "What is the result of qualifying?", Passed: true}}
}

func benchDB(b *testing.B, name string) *boltdb.DB {
	db, err := boltdb.Open(filepath.Join(b.TempDir(), name), boltdb.Options{Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkPushIncremental pushes 10 new attempts from a database where
// 1,000,000 attempts (10 reps) were pushed already. The floor pushes 10
// new attempts from a database that holds only them, to the same fake
// LRS: a push that does not scan what was sent costs about the floor.
func BenchmarkPushIncremental(b *testing.B) {
	const sent, fresh, reps = 1_000_000, 10, 10
	big := benchDB(b, "big.db")
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	const chunk = 50_000
	for i := 0; i < sent; i += chunk {
		batch := make([]playbook.Attempt, 0, chunk)
		for j := i; j < i+chunk; j++ {
			batch = append(batch, benchAttempt(fmt.Sprintf("rep%02d", j%reps), j, start.Add(time.Duration(j)*time.Second)))
		}
		if _, err := big.Import(playbook.ImportBatch{Attempts: batch}); err != nil {
			b.Fatal(err)
		}
	}
	ts := httptest.NewServer(&lrsServer{path: "/statements"})
	defer ts.Close()
	lrs := &LRS{Endpoint: ts.URL, User: "lrs-user", Key: "s3cret"}
	opt := XAPIOptions{}
	ctx := context.Background()
	push := func(db *boltdb.DB, mark []byte) []byte {
		var next []byte
		n, err := lrs.SendEach(ctx, func(yield func(Statement) error) error {
			var err error
			next, err = EachUnsent(db, mark, opt, yield)
			return err
		}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if n != 2*fresh {
			b.Fatalf("pushed %d statements, want %d", n, 2*fresh)
		}
		return next
	}
	bigMark, err := big.Unsent(nil, func(playbook.Unsent) error { return nil })
	if err != nil {
		b.Fatal(err)
	}
	next := sent
	var work, floor time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		small := benchDB(b, fmt.Sprintf("small-%d.db", i))
		b.StartTimer()
		at := start.Add(time.Duration(sent+i*fresh) * time.Second)
		for j := 0; j < fresh; j++ {
			rep := fmt.Sprintf("rep%02d", j%reps)
			a := benchAttempt(rep, next, at.Add(time.Duration(j)*time.Millisecond))
			next++
			if err := big.Record(playbook.Record{Attempt: a}); err != nil {
				b.Fatal(err)
			}
			if err := small.Record(playbook.Record{Attempt: a}); err != nil {
				b.Fatal(err)
			}
		}
		t0 := time.Now()
		push(small, nil)
		t1 := time.Now()
		bigMark = push(big, bigMark)
		work += time.Since(t1)
		floor += t1.Sub(t0)
	}
	b.ReportMetric(float64(work)/float64(floor), "x-floor")
}

// statementServer serves n answered statements, generated page by page,
// so the server holds one page at a time whatever n is.
func statementServer(b *testing.B, n int, home string) *httptest.Server {
	builder := xapiBuilder{opt: XAPIOptions{HomePage: home}.withDefaults()}
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		from := 0
		fmt.Sscan(r.URL.Query().Get("more"), &from)
		to := min(from+PageSize, n)
		var page []Statement
		for i := from; i < to; i++ {
			a := benchAttempt(fmt.Sprintf("rep%02d", i%20), i, start.Add(time.Duration(i)*time.Second))
			builder.attemptStatements(a, func(s Statement) error {
				if s.Verb.ID == VerbAnswered {
					page = append(page, s)
				}
				return nil
			})
		}
		more := ""
		if to < n {
			more = fmt.Sprintf("/statements?more=%d", to)
		}
		json.NewEncoder(w).Encode(struct {
			Statements []Statement `json:"statements"`
			More       string      `json:"more"`
		}{page, more})
	}))
	b.Cleanup(ts.Close)
	return ts
}

// importPeak reads n statements from a fake LRS into a fresh database as
// import --lrs does and returns the peak heap in use above where it began.
func importPeak(b *testing.B, n int) uint64 {
	const home = "https://bench.example.com"
	ts := statementServer(b, n, home)
	db := benchDB(b, fmt.Sprintf("import-%d.db", n))
	book := &playbook.Playbook{Title: "Bench", Version: "1"}
	proc := &playbook.Process{ID: "p1", Title: "P"}
	for s := 0; s < 8; s++ {
		step := &playbook.Step{ID: fmt.Sprintf("p1-s%d", s), Process: "p1"}
		step.Cards = []*playbook.Card{{ID: fmt.Sprintf("p1-s%d/c%d", s, s), Kind: playbook.KindRecall, Step: step.ID, Process: "p1", Hash: "3f2a9c0b1d7e"}}
		proc.Steps = append(proc.Steps, step)
	}
	book.Processes = []*playbook.Process{proc}
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	im := &records.Importer{Book: book, Store: db}
	stream, err := im.Stream("bench")
	if err != nil {
		b.Fatal(err)
	}
	lrs := &LRS{Endpoint: ts.URL, User: "u", Key: "k"}
	if _, err := lrs.ReadStatements(context.Background(), time.Time{}, func(s Statement) error {
		u, ok, err := ToRecord(s, home)
		if err != nil || !ok {
			return fmt.Errorf("statement not read back: %v", err)
		}
		return stream.Add(u)
	}); err != nil {
		b.Fatal(err)
	}
	res, err := stream.Finish()
	close(stop)
	<-sampled
	if err != nil || res.New != n {
		b.Fatalf("imported %d of %d: %v", res.New, n, err)
	}
	if p := peak.Load(); p > base.HeapInuse {
		return p - base.HeapInuse
	}
	return 0
}

// BenchmarkImportLRSMemory reads 100,000 statements back from an LRS and
// reports the peak heap above the start, and its ratio to reading 10,000:
// a streaming import holds a page and a batch, not the statements, so the
// ratio stays near 1 (a buffered one would be 10).
func BenchmarkImportLRSMemory(b *testing.B) {
	var small, large uint64
	for i := 0; i < b.N; i++ {
		small += importPeak(b, 10_000)
		large += importPeak(b, 100_000)
	}
	b.ReportMetric(float64(large)/float64(b.N)/(1<<20), "peak-MB-100k")
	b.ReportMetric(float64(large)/float64(max(small, 1)), "x-10k")
}
