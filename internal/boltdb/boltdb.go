// Package boltdb implements playbook.Store on a bbolt file.
package boltdb

import (
	"errors"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
)

// Options for Open.
type Options struct {
	// Timeout is how long to wait for another process's lock (default 1s).
	Timeout time.Duration
	// Now is the store's clock (default time.Now).
	Now func() time.Time
	// ReadOnly opens without write access (shared lock).
	ReadOnly bool
}

// DB is a playdrill progress database.
type DB struct{}

var _ playbook.Store = (*DB)(nil)

// Open opens or creates the database at path.
func Open(path string, opt Options) (*DB, error) {
	return nil, errors.New("boltdb: not implemented")
}

func (db *DB) Record(r playbook.Record) error { return errors.New("todo") }
func (db *DB) Reps() ([]string, error)        { return nil, errors.New("todo") }
func (db *DB) Totals(rep string) (playbook.RepTotals, error) {
	return playbook.RepTotals{}, errors.New("todo")
}
func (db *DB) States(rep string) (map[string]playbook.CardState, error) {
	return nil, errors.New("todo")
}
func (db *DB) Completions(rep string) ([]playbook.Completion, error)      { return nil, errors.New("todo") }
func (db *DB) Attempts(rep string, fn func(playbook.Attempt) error) error { return errors.New("todo") }
func (db *DB) Activity(rep string, from, to time.Time) (map[string]int, error) {
	return nil, errors.New("todo")
}
func (db *DB) AddFeedback(f playbook.Feedback) error      { return errors.New("todo") }
func (db *DB) Feedback() ([]playbook.Feedback, error)     { return nil, errors.New("todo") }
func (db *DB) Import(b playbook.ImportBatch) (int, error) { return 0, errors.New("todo") }
func (db *DB) Close() error                               { return nil }
