package records

import (
	"errors"
	"fmt"
	"sort"

	"github.com/playdrill/playdrill/internal/playbook"
)

// streamBatch is how many attempts a streaming merge adds per transaction.
const streamBatch = 1000

// Stream merges records as they arrive (from an LRS, page after page)
// without holding them: attempts go to the store a batch at a time,
// feedback by id, and Finish rebuilds the schedule of every rep touched
// by replaying the rep's attempts from the store in time order. Memory
// holds one batch, one state per card and the feedback ids.
type Stream struct {
	im       *Importer
	store    playbook.Appender
	batch    []playbook.Attempt
	reps     map[string]bool
	feedback map[string]bool
	res      ImportResult
}

// Stream starts a streaming merge; the store must be a playbook.Appender.
func (im *Importer) Stream(name string) (*Stream, error) {
	app, ok := im.Store.(playbook.Appender)
	if !ok {
		return nil, errors.New("this database cannot merge a stream of records")
	}
	return &Stream{im: im, store: app, reps: map[string]bool{}, res: ImportResult{File: name}}, nil
}

// Add merges one record.
func (s *Stream) Add(u playbook.Unsent) error {
	switch {
	case u.Attempt != nil:
		a := *u.Attempt
		s.res.Attempts++
		s.reps[a.Rep] = true
		if s.im.Book != nil {
			if _, ok := s.im.Book.Card(a.Card); !ok {
				if s.res.Unknown == nil {
					s.res.Unknown = map[string]int{}
				}
				s.res.Unknown[a.Card]++
			}
		}
		s.batch = append(s.batch, a)
		if len(s.batch) >= streamBatch {
			return s.flush()
		}
	case u.Feedback != nil:
		s.res.Feedback++
		if s.feedback == nil {
			have, err := s.im.Store.Feedback()
			if err != nil {
				return err
			}
			s.feedback = make(map[string]bool, len(have))
			for _, f := range have {
				s.feedback[f.ID] = true
			}
		}
		if s.feedback[u.Feedback.ID] {
			return nil
		}
		if err := s.im.Store.AddFeedback(*u.Feedback); err != nil {
			return err
		}
		s.feedback[u.Feedback.ID] = true
		s.res.NewFeedback++
	}
	return nil
}

func (s *Stream) flush() error {
	if len(s.batch) == 0 {
		return nil
	}
	added, err := s.store.AddAttempts(s.batch)
	if err != nil {
		return err
	}
	s.res.New += added
	s.batch = s.batch[:0]
	return nil
}

// Finish adds what is left and rebuilds the touched reps' schedules and
// completions. Call it after an error of the source too: what was added
// before it must not sit beside schedules that ignore it.
func (s *Stream) Finish() (ImportResult, error) {
	err := s.flush()
	reps := make([]string, 0, len(s.reps))
	for rep := range s.reps {
		reps = append(reps, rep)
	}
	sort.Strings(reps)
	s.res.Reps = reps
	passMark := s.im.PassMark
	for _, rep := range reps {
		r := s.im.Day.NewReplay(s.im.Book, rep, passMark)
		if rerr := s.im.Store.Attempts(rep, func(a playbook.Attempt) error { r.Add(a); return nil }); rerr != nil {
			return s.res, errors.Join(err, fmt.Errorf("reading %s's attempts: %w", rep, rerr))
		}
		states, done := r.Result()
		if states == nil {
			states = []playbook.CardState{}
		}
		if done == nil {
			done = []playbook.Completion{}
		}
		batch := playbook.ImportBatch{States: map[string][]playbook.CardState{rep: states}, Completions: map[string][]playbook.Completion{rep: done}}
		if _, ierr := s.im.Store.Import(batch); ierr != nil {
			return s.res, errors.Join(err, fmt.Errorf("rebuilding %s's schedule: %w", rep, ierr))
		}
	}
	return s.res, err
}
