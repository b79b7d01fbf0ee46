package records

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/words"
)

// maxLine bounds one line of an export (a long typed answer fits easily).
const maxLine = 16 << 20

// maxLineErrors is how many bad lines a parse error lists.
const maxLineErrors = 20

// LineError is one bad line of an export file.
type LineError struct {
	File string
	Line int
	Msg  string
}

func (e LineError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// ParseError lists the bad lines of a file; nothing of it is imported.
type ParseError struct {
	File  string
	Lines []LineError
	More  int // bad lines beyond those listed
}

func (e *ParseError) Error() string {
	var b strings.Builder
	for i, l := range e.Lines {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(l.Error())
	}
	if e.More > 0 {
		fmt.Fprintf(&b, "\n%s: and %s", e.File, words.Count(e.More, "more bad line"))
	}
	return b.String()
}

// ExportFile is a parsed JSON-lines export.
type ExportFile struct {
	Name        string
	Attempts    []playbook.Attempt // in file order, repeated ids dropped
	Completions int
	Feedback    []playbook.Feedback
	Disputes    []playbook.Dispute
	Reviews     []playbook.Review
}

// records counts the file's records so far.
func (f *ExportFile) records() int {
	return len(f.Attempts) + f.Completions + len(f.Feedback) + len(f.Disputes) + len(f.Reviews)
}

// importLine is any line of an export; pointers tell a missing field
// from a zero one.
type importLine struct {
	Type            string     `json:"type"`
	ID              *string    `json:"id"`
	Rep             *string    `json:"rep"`
	Card            *string    `json:"card"`
	Step            *string    `json:"step"`
	Process         string     `json:"process"`
	Kind            *string    `json:"kind"`
	At              *string    `json:"at"`
	Response        string     `json:"response"`
	Score           *float64   `json:"score"`
	Suggested       int        `json:"suggested"`
	Rating          *int       `json:"rating"`
	Cram            bool       `json:"cram"`
	Hash            string     `json:"hash"`
	PlaybookVersion string     `json:"playbook_version"`
	DurationMS      int64      `json:"duration_ms"`
	Facts           *FactsLine `json:"facts"`
	// Feedback, disputes and reviews.
	Text       string   `json:"text"`
	Attempt    string   `json:"attempt"`
	Missed     []string `json:"missed"`
	Asked      bool     `json:"asked"`
	File       string   `json:"file"`
	FileSum    string   `json:"file_sum"`
	Dispute    string   `json:"dispute"`
	Reviewer   string   `json:"reviewer"`
	Verdict    string   `json:"verdict"`
	Point      string   `json:"point"`
	Words      string   `json:"words"`
	NewHash    string   `json:"new_hash"`
	FileBefore string   `json:"file_before"`
	FileAfter  string   `json:"file_after"`
	Note       string   `json:"note"`
}

func validKind(k string) bool {
	for _, x := range playbook.Kinds {
		if string(x) == k {
			return true
		}
	}
	return false
}

// toAttempt checks an attempt line and converts it.
func (l importLine) toAttempt() (playbook.Attempt, error) {
	var missing []string
	need := func(name string, ok bool) {
		if !ok {
			missing = append(missing, name)
		}
	}
	need("id", l.ID != nil && *l.ID != "")
	need("rep", l.Rep != nil && *l.Rep != "")
	need("card", l.Card != nil && *l.Card != "")
	need("step", l.Step != nil && *l.Step != "")
	need("kind", l.Kind != nil)
	need("at", l.At != nil)
	need("score", l.Score != nil)
	need("rating", l.Rating != nil)
	if len(missing) > 0 {
		return playbook.Attempt{}, fmt.Errorf("attempt lacks %s", strings.Join(missing, ", "))
	}
	at, err := parseAt(*l.At)
	if err != nil {
		return playbook.Attempt{}, err
	}
	if err := playbook.CheckRep(*l.Rep); err != nil {
		return playbook.Attempt{}, fmt.Errorf("rep %q: %v", *l.Rep, err)
	}
	switch {
	case len(l.Response) > playbook.MaxResponse:
		return playbook.Attempt{}, fmt.Errorf("response is %d KB, more than the %d KB playdrill records", len(l.Response)>>10, playbook.MaxResponse>>10)
	case l.DurationMS > playbook.MaxDuration.Milliseconds():
		return playbook.Attempt{}, fmt.Errorf("duration_ms %d is more than the %d (%s) playdrill records", l.DurationMS, playbook.MaxDuration.Milliseconds(), playbook.MaxDuration)
	case !validKind(*l.Kind):
		return playbook.Attempt{}, fmt.Errorf("unknown card kind %q", *l.Kind)
	case *l.Score < 0 || *l.Score > 1:
		return playbook.Attempt{}, fmt.Errorf("score %v is outside 0..1", *l.Score)
	case !playbook.Rating(*l.Rating).Valid():
		return playbook.Attempt{}, fmt.Errorf("rating %d is not 1-4", *l.Rating)
	case l.Suggested != 0 && !playbook.Rating(l.Suggested).Valid():
		return playbook.Attempt{}, fmt.Errorf("suggested rating %d is not 1-4", l.Suggested)
	case l.DurationMS < 0:
		return playbook.Attempt{}, fmt.Errorf("duration_ms %d is negative", l.DurationMS)
	}
	a := playbook.Attempt{ID: *l.ID, Rep: *l.Rep, Card: *l.Card, Hash: l.Hash, Step: *l.Step, Process: l.Process,
		Kind: playbook.Kind(*l.Kind), PlaybookVersion: l.PlaybookVersion, At: at, Response: l.Response, Score: *l.Score,
		Suggested: playbook.Rating(l.Suggested), Rating: playbook.Rating(*l.Rating),
		Duration: time.Duration(l.DurationMS) * time.Millisecond, Cram: l.Cram}
	if f := l.Facts; f != nil {
		for _, c := range f.Correct {
			if c < 0 || c >= len(f.Options) {
				return playbook.Attempt{}, fmt.Errorf("facts: correct option %d of %d", c+1, len(f.Options))
			}
		}
		a.Facts = &playbook.Facts{Prompt: f.Prompt, Options: f.Options, Correct: f.Correct, Items: f.Items, Passed: f.Passed}
		if t := f.Text; t != nil {
			a.Facts.Text = &playbook.CardText{Answer: t.Answer, Points: t.Points, NeverSay: t.NeverSay, Why: t.Why}
		}
	}
	return a, nil
}

// SameAttempt reports whether a and b record the same answer: they export
// as the same line.
func SameAttempt(a, b playbook.Attempt) bool {
	la, erra := json.Marshal(NewAttemptLine(a))
	lb, errb := json.Marshal(NewAttemptLine(b))
	return erra == nil && errb == nil && string(la) == string(lb)
}

// checkCompletion checks a completion line; completions are rebuilt from
// attempts on import, so it is only checked, not kept.
func (l importLine) checkCompletion() error {
	if l.Rep == nil || *l.Rep == "" || l.Step == nil || *l.Step == "" || l.At == nil {
		return errors.New("completion lacks rep, step or at")
	}
	_, err := parseAt(*l.At)
	return err
}

// parseAt reads a record's time: RFC 3339, within the years playdrill
// records.
func parseAt(s string) (time.Time, error) {
	at, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("at %q is not an RFC 3339 time", s)
	}
	if err := playbook.CheckTime(at); err != nil {
		return time.Time{}, fmt.Errorf("at %q is outside the years %d to %d that playdrill records", s, playbook.EarliestTime.Year(), playbook.LatestTime.Year()-1)
	}
	return at, nil
}

// otherFormat names the kind of file whose first line is first, when it
// is plainly not JSON lines, so that one clear line says so instead of an
// error for every line.
func otherFormat(first string) string {
	switch {
	case strings.ContainsRune(first, 0) || !utf8.ValidString(first):
		return "a binary file"
	case strings.HasPrefix(first, "["):
		return "a JSON array (such as an xAPI export)"
	case strings.HasPrefix(first, "type,id,rep,") || strings.HasPrefix(first, "process,step,card,"):
		return "a CSV file"
	}
	return ""
}

// ParseExport reads a JSON-lines export whole. Any bad line makes it a
// *ParseError naming every bad line (up to a limit) by file and number.
func ParseExport(name string, r io.Reader) (*ExportFile, error) {
	f := &ExportFile{Name: name}
	perr := &ParseError{File: name}
	bad := func(line int, format string, args ...any) {
		if len(perr.Lines) < maxLineErrors {
			perr.Lines = append(perr.Lines, LineError{File: name, Line: line, Msg: fmt.Sprintf(format, args...)})
		} else {
			perr.More++
		}
	}
	// firstLine is where each attempt id was first seen, and seenAttempt
	// what it was: the same id with other content is two records, not one.
	firstLine := map[string]int{}
	seenAttempt := map[string]playbook.Attempt{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	n := 0
	for sc.Scan() {
		n++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		if len(perr.Lines) == 0 && f.records() == 0 {
			if kind := otherFormat(text); kind != "" {
				bad(n, "this is %s, not JSON lines; import reads what 'playdrill export --format jsonl' writes", kind)
				return nil, perr
			}
		}
		var l importLine
		dec := json.NewDecoder(strings.NewReader(text))
		if err := dec.Decode(&l); err != nil {
			bad(n, "not a JSON object: %v", err)
			continue
		}
		if dec.More() {
			bad(n, "more than one JSON value on the line")
			continue
		}
		switch l.Type {
		case "", TypeAttempt:
			a, err := l.toAttempt()
			if err != nil {
				bad(n, "%v", err)
				continue
			}
			if prev, ok := seenAttempt[a.ID]; ok {
				if !SameAttempt(prev, a) {
					bad(n, "attempt %s appears again with other content (first at line %d): one of them was changed", a.ID, firstLine[a.ID])
				}
				continue
			}
			seenAttempt[a.ID], firstLine[a.ID] = a, n
			f.Attempts = append(f.Attempts, a)
		case TypeCompletion:
			if err := l.checkCompletion(); err != nil {
				bad(n, "%v", err)
				continue
			}
			f.Completions++
		case TypeFeedback:
			fb, err := l.toFeedback()
			if err != nil {
				bad(n, "%v", err)
				continue
			}
			f.Feedback = append(f.Feedback, fb)
		case TypeDispute:
			d, err := l.toDispute()
			if err != nil {
				bad(n, "%v", err)
				continue
			}
			f.Disputes = append(f.Disputes, d)
		case TypeReview:
			r, err := l.toReview()
			if err != nil {
				bad(n, "%v", err)
				continue
			}
			f.Reviews = append(f.Reviews, r)
		default:
			bad(n, "unknown line type %q", l.Type)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			bad(n+1, "line longer than %d MiB", maxLine>>20)
		} else {
			return nil, fmt.Errorf("reading %s: %w", name, err)
		}
	}
	if len(perr.Lines) > 0 {
		return nil, perr
	}
	return f, nil
}

// RebuildFunc replays a rep's attempts into card states and completions.
type RebuildFunc func(book *playbook.Playbook, rep string, attempts []playbook.Attempt, passMark float64) ([]playbook.CardState, []playbook.Completion)

// Importer merges export files into a store.
type Importer struct {
	Book     *playbook.Playbook
	Store    playbook.Store
	PassMark float64     // default drill.DefaultPassMark
	Rebuild  RebuildFunc // default Day.Rebuild
	// Day is when reps' days roll over, as their drills count them
	// (default: 4 am local time).
	Day drill.Day
}

// ImportResult says what importing one file did.
type ImportResult struct {
	File     string
	Attempts int      // attempts in the file
	New      int      // attempts added
	Reps     []string // reps the file has attempts of
	// Unknown counts the file's attempts per card id the playbook does
	// not have: they are imported all the same, and said.
	Unknown map[string]int
	// Conflicts are the ids of the file's attempts already stored with
	// other content: the stored one is kept, and the rep told.
	Conflicts []string
	// Feedback, disputes and reviews in the file, and how many were new.
	Feedback, NewFeedback int
	Disputes, NewDisputes int
	Reviews, NewReviews   int
}

// Import merges one parsed file: attempts already stored are skipped by
// id, then each affected rep's states and completions are rebuilt from all
// its attempts in time order, and everything is applied in one batch.
func (im *Importer) Import(f *ExportFile) (ImportResult, error) {
	res := ImportResult{File: f.Name, Attempts: len(f.Attempts), Feedback: len(f.Feedback), Disputes: len(f.Disputes), Reviews: len(f.Reviews)}
	if im.Book != nil {
		for _, a := range f.Attempts {
			if _, ok := im.Book.Card(a.Card); !ok {
				if res.Unknown == nil {
					res.Unknown = map[string]int{}
				}
				res.Unknown[a.Card]++
			}
		}
	}
	passMark := im.PassMark
	if passMark == 0 {
		passMark = drill.DefaultPassMark
	}
	rebuild := im.Rebuild
	if rebuild == nil {
		rebuild = im.Day.Rebuild
	}
	byRep := map[string][]playbook.Attempt{}
	for _, a := range f.Attempts {
		byRep[a.Rep] = append(byRep[a.Rep], a)
	}
	res.Reps = make([]string, 0, len(byRep))
	for rep := range byRep {
		res.Reps = append(res.Reps, rep)
	}
	sort.Strings(res.Reps)
	batch := playbook.ImportBatch{States: map[string][]playbook.CardState{}, Completions: map[string][]playbook.Completion{}}
	for _, rep := range res.Reps {
		var merged []playbook.Attempt
		have := map[string]bool{}
		mine := map[string]bool{}
		for _, a := range byRep[rep] {
			mine[a.ID] = true
		}
		stored := map[string]playbook.Attempt{}
		err := im.Store.Attempts(rep, func(a playbook.Attempt) error {
			have[a.ID] = true
			if mine[a.ID] {
				stored[a.ID] = a
			}
			merged = append(merged, a)
			return nil
		})
		if err != nil {
			return res, fmt.Errorf("reading %s's attempts: %w", rep, err)
		}
		fresh := 0
		for _, a := range byRep[rep] {
			if old, ok := stored[a.ID]; ok && !SameAttempt(old, a) {
				res.Conflicts = append(res.Conflicts, a.ID)
			}
			if !have[a.ID] {
				have[a.ID] = true
				merged = append(merged, a)
				batch.Attempts = append(batch.Attempts, a)
				fresh++
			}
		}
		if fresh == 0 {
			continue
		}
		sort.SliceStable(merged, func(i, j int) bool {
			if !merged[i].At.Equal(merged[j].At) {
				return merged[i].At.Before(merged[j].At)
			}
			return merged[i].ID < merged[j].ID
		})
		states, completions := rebuild(im.Book, rep, merged, passMark)
		if states == nil {
			states = []playbook.CardState{}
		}
		if completions == nil {
			completions = []playbook.Completion{}
		}
		batch.States[rep] = states
		batch.Completions[rep] = completions
	}
	if len(batch.Attempts) > 0 {
		added, err := im.Store.Import(batch)
		if err != nil {
			return res, fmt.Errorf("importing %s: %w", f.Name, err)
		}
		res.New = added
	}
	if err := im.importNotes(f, &res); err != nil {
		return res, fmt.Errorf("importing %s: %w", f.Name, err)
	}
	return res, nil
}

// importNotes adds the file's feedback, disputes and reviews that the
// store does not have yet (by id).
func (im *Importer) importNotes(f *ExportFile, res *ImportResult) error {
	if len(f.Feedback) > 0 {
		have, err := im.Store.Feedback()
		if err != nil {
			return err
		}
		seen := make(map[string]bool, len(have))
		for _, fb := range have {
			seen[fb.ID] = true
		}
		for _, fb := range f.Feedback {
			if seen[fb.ID] {
				continue
			}
			seen[fb.ID] = true
			if err := im.Store.AddFeedback(fb); err != nil {
				return err
			}
			res.NewFeedback++
		}
	}
	if len(f.Disputes) == 0 && len(f.Reviews) == 0 {
		return nil
	}
	ds, ok := im.Store.(playbook.DisputeStore)
	if !ok {
		return errors.New("this database keeps no disputes or reviews")
	}
	for _, d := range f.Disputes {
		added, err := ds.AddDispute(d)
		if err != nil {
			return err
		}
		if added {
			res.NewDisputes++
		}
	}
	for _, r := range f.Reviews {
		added, err := ds.AddReview(r)
		if err != nil {
			return err
		}
		if added {
			res.NewReviews++
		}
	}
	return nil
}
