package xapi

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/boltdb"
	"github.com/playdrill/playdrill/internal/playbook"
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
