package main

import (
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
)

// noProgress is the store a reading command sees when there is no
// progress database yet: every rep is new, nothing can be written.
type noProgress struct{}

var _ playbook.Store = noProgress{}

func (noProgress) Reps() ([]string, error) { return nil, nil }

func (noProgress) Totals(rep string) (playbook.RepTotals, error) {
	return playbook.RepTotals{Rep: rep}, nil
}

func (noProgress) States(string) (map[string]playbook.CardState, error) {
	return map[string]playbook.CardState{}, nil
}

func (noProgress) Completions(string) ([]playbook.Completion, error) { return nil, nil }

func (noProgress) Attempts(string, func(playbook.Attempt) error) error { return nil }

func (noProgress) Activity(string, time.Time, time.Time) (map[string]int, error) {
	return map[string]int{}, nil
}

func (noProgress) Feedback() ([]playbook.Feedback, error) { return nil, nil }

func (noProgress) Record(playbook.Record) error { return errNoDatabase }

func (noProgress) AddFeedback(playbook.Feedback) error { return errNoDatabase }

func (noProgress) Import(playbook.ImportBatch) (int, error) { return 0, errNoDatabase }

func (noProgress) Close() error { return nil }

var errNoDatabase = playbook.Errorf(playbook.EInvalid, "there is no progress database to write to")
