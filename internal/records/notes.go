package records

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/safe"
	"github.com/playdrill/playdrill/internal/words"
)

// Line types of the records a rep makes besides attempts.
const (
	TypeFeedback = "feedback"
	TypeDispute  = "dispute"
	TypeReview   = "review"
)

// Counts says how many records of each kind an export wrote.
type Counts struct {
	Attempts, Completions, Feedback, Disputes, Reviews int
}

func (n Counts) String() string {
	s := words.Count(n.Attempts, "attempt") + " and " + words.Count(n.Completions, "completion")
	var more []string
	if n.Feedback > 0 {
		more = append(more, words.Count(n.Feedback, "feedback note"))
	}
	if n.Disputes > 0 {
		more = append(more, words.Count(n.Disputes, "dispute"))
	}
	if n.Reviews > 0 {
		more = append(more, words.Count(n.Reviews, "review"))
	}
	if len(more) > 0 {
		s += ", " + strings.Join(more, ", ")
	}
	return s
}

// FeedbackLine is a rep's feedback on a card in an export.
type FeedbackLine struct {
	Type string `json:"type"`
	ID   string `json:"id"`
	Rep  string `json:"rep"`
	Card string `json:"card"`
	Hash string `json:"hash"`
	Step string `json:"step"`
	At   string `json:"at"`
	Text string `json:"text"`
}

// DisputeLine is a dispute in an export.
type DisputeLine struct {
	Type      string   `json:"type"`
	ID        string   `json:"id"`
	Attempt   string   `json:"attempt"`
	Rep       string   `json:"rep"`
	Card      string   `json:"card"`
	Hash      string   `json:"hash"`
	Step      string   `json:"step"`
	At        string   `json:"at"`
	Response  string   `json:"response"`
	Score     float64  `json:"score"`
	Suggested int      `json:"suggested"`
	Rating    int      `json:"rating"`
	Missed    []string `json:"missed"`
	Asked     bool     `json:"asked"`
	File      string   `json:"file"`
	FileSum   string   `json:"file_sum"`
}

// ReviewLine is a manager's decision on a dispute in an export.
type ReviewLine struct {
	Type       string `json:"type"`
	ID         string `json:"id"`
	Dispute    string `json:"dispute"`
	Card       string `json:"card"`
	Hash       string `json:"hash"`
	Reviewer   string `json:"reviewer"`
	At         string `json:"at"`
	Verdict    string `json:"verdict"`
	Point      string `json:"point"`
	Words      string `json:"words"`
	NewHash    string `json:"new_hash"`
	File       string `json:"file"`
	FileBefore string `json:"file_before"`
	FileAfter  string `json:"file_after"`
	Note       string `json:"note"`
}

// eachNote gives fn the store's feedback, then its disputes and reviews
// (for a store that keeps them), as lines, counting them in n.
func eachNote(store playbook.Store, n *Counts, fn func(any) error) error {
	notes, err := store.Feedback()
	if err != nil {
		return err
	}
	for _, f := range notes {
		n.Feedback++
		if err := fn(FeedbackLine{Type: TypeFeedback, ID: f.ID, Rep: f.Rep, Card: f.Card, Hash: f.Hash, Step: f.Step,
			At: exportTime(f.At), Text: f.Text}); err != nil {
			return err
		}
	}
	ds, ok := store.(playbook.DisputeStore)
	if !ok {
		return nil
	}
	disputes, err := ds.Disputes()
	if err != nil {
		return err
	}
	for _, d := range disputes {
		n.Disputes++
		if err := fn(DisputeLine{Type: TypeDispute, ID: d.ID, Attempt: d.Attempt, Rep: d.Rep, Card: d.Card, Hash: d.Hash, Step: d.Step,
			At: exportTime(d.At), Response: d.Response, Score: d.Score, Suggested: int(d.Suggested), Rating: int(d.Rating),
			Missed: d.Missed, Asked: d.Asked, File: d.File, FileSum: d.FileSum}); err != nil {
			return err
		}
	}
	reviews, err := ds.Reviews()
	if err != nil {
		return err
	}
	for _, r := range reviews {
		n.Reviews++
		if err := fn(ReviewLine{Type: TypeReview, ID: r.ID, Dispute: r.Dispute, Card: r.Card, Hash: r.Hash, Reviewer: r.Reviewer,
			At: exportTime(r.At), Verdict: r.Verdict, Point: r.Point, Words: r.Words, NewHash: r.NewHash, File: r.File,
			FileBefore: r.FileBefore, FileAfter: r.FileAfter, Note: r.Note}); err != nil {
			return err
		}
	}
	return nil
}

// csvRow puts a note in the export's CSV columns: the text in response,
// what it refers to (a dispute's attempt, a review's dispute) in ref, and
// the rest in detail.
func csvRow(v any) []string {
	row := make([]string, len(ExportCSVHeader))
	set := func(col, val string) {
		for i, h := range ExportCSVHeader {
			if h == col {
				row[i] = safe.Cell(val)
				return
			}
		}
	}
	switch l := v.(type) {
	case FeedbackLine:
		set("type", l.Type)
		set("id", l.ID)
		set("rep", l.Rep)
		set("card", l.Card)
		set("step", l.Step)
		set("at", l.At)
		set("response", l.Text)
		set("hash", l.Hash)
	case DisputeLine:
		set("type", l.Type)
		set("id", l.ID)
		set("rep", l.Rep)
		set("card", l.Card)
		set("step", l.Step)
		set("at", l.At)
		set("response", l.Response)
		set("score", strconv.FormatFloat(l.Score, 'f', -1, 64))
		set("suggested", strconv.Itoa(l.Suggested))
		set("rating", strconv.Itoa(l.Rating))
		set("hash", l.Hash)
		set("ref", l.Attempt)
		how := "rated above the suggestion"
		if l.Asked {
			how = "asked"
		}
		set("detail", how+"; missed: "+strings.Join(l.Missed, "; "))
	case ReviewLine:
		set("type", l.Type)
		set("id", l.ID)
		set("rep", l.Reviewer)
		set("card", l.Card)
		set("at", l.At)
		set("response", l.Note)
		set("hash", l.Hash)
		set("ref", l.Dispute)
		detail := l.Verdict
		if l.Words != "" {
			detail += fmt.Sprintf("; %q added to %q in %s", l.Words, l.Point, l.File)
		}
		set("detail", detail)
	}
	return row
}

// toFeedback checks a feedback line and converts it.
func (l importLine) toFeedback() (playbook.Feedback, error) {
	at, err := l.need("feedback", l.ID, l.Rep, l.Card)
	if err != nil {
		return playbook.Feedback{}, err
	}
	step := ""
	if l.Step != nil {
		step = *l.Step
	}
	return playbook.Feedback{ID: *l.ID, Rep: *l.Rep, Card: *l.Card, Hash: l.Hash, Step: step, At: at, Text: l.Text}, nil
}

// toDispute checks a dispute line and converts it.
func (l importLine) toDispute() (playbook.Dispute, error) {
	at, err := l.need("dispute", l.ID, l.Rep, l.Card)
	if err != nil {
		return playbook.Dispute{}, err
	}
	d := playbook.Dispute{ID: *l.ID, Attempt: l.Attempt, Rep: *l.Rep, Card: *l.Card, Hash: l.Hash, At: at, Response: l.Response,
		Suggested: playbook.Rating(l.Suggested), Missed: l.Missed, Asked: l.Asked, File: l.File, FileSum: l.FileSum}
	if l.Step != nil {
		d.Step = *l.Step
	}
	if l.Score != nil {
		if *l.Score < 0 || *l.Score > 1 {
			return d, fmt.Errorf("score %v is outside 0..1", *l.Score)
		}
		d.Score = *l.Score
	}
	if l.Rating != nil {
		d.Rating = playbook.Rating(*l.Rating)
	}
	return d, nil
}

// toReview checks a review line and converts it.
func (l importLine) toReview() (playbook.Review, error) {
	rep := &l.Reviewer
	at, err := l.need("review", l.ID, rep, l.Card)
	if err != nil {
		return playbook.Review{}, err
	}
	if l.Verdict != playbook.ReviewAccepted && l.Verdict != playbook.ReviewRejected {
		return playbook.Review{}, fmt.Errorf("verdict %q is neither %s nor %s", l.Verdict, playbook.ReviewAccepted, playbook.ReviewRejected)
	}
	if l.Dispute == "" {
		return playbook.Review{}, fmt.Errorf("review lacks dispute")
	}
	return playbook.Review{ID: *l.ID, Dispute: l.Dispute, Card: *l.Card, Hash: l.Hash, Reviewer: l.Reviewer, At: at, Verdict: l.Verdict,
		Point: l.Point, Words: l.Words, NewHash: l.NewHash, File: l.File, FileBefore: l.FileBefore, FileAfter: l.FileAfter, Note: l.Note}, nil
}

// need checks the fields every record has and parses its time.
func (l importLine) need(what string, id, rep, card *string) (time.Time, error) {
	var missing []string
	for name, v := range map[string]*string{"id": id, "rep": rep, "card": card} {
		if v == nil || *v == "" {
			if name == "rep" && what == "review" {
				name = "reviewer"
			}
			missing = append(missing, name)
		}
	}
	if l.At == nil {
		missing = append(missing, "at")
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return time.Time{}, fmt.Errorf("%s lacks %s", what, strings.Join(missing, ", "))
	}
	return parseAt(*l.At)
}
