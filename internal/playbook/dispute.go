package playbook

import "time"

// Dispute is a rep's claim that a typed answer makes points the grade says
// it missed ("I said it in other words"). It is made with the attempt when
// the rep rates a failing answer above the suggested rating, or on purpose
// (`:dispute`, a key in the TUI). A manager reviews it (`playdrill
// review`): accepting adds the rep's words to the playbook as an alternate
// of the missed point, rejecting records the decision.
type Dispute struct {
	ID        string // a UUID
	Attempt   string // id of the disputed attempt
	Rep       string
	Card      string
	Hash      string // the card's content hash when answered
	Step      string
	At        time.Time
	Response  string // the answer, as recorded with the attempt
	Score     float64
	Suggested Rating
	Rating    Rating
	// Missed are the points the grade missed, as written ("a | b").
	Missed []string
	// Asked: the rep disputed on purpose; otherwise the dispute came from a
	// rating above the suggestion on a failing answer.
	Asked bool
	// File is the playbook file the card is in (relative to the playbook
	// root) and FileSum the sha256 (hex) of its bytes when the rep
	// answered; both "" when unknown. Review refuses to edit a file that
	// changed since.
	File    string
	FileSum string
}

// Review verdicts.
const (
	ReviewAccepted = "accepted"
	ReviewRejected = "rejected"
)

// Review is a manager's decision on a dispute.
type Review struct {
	ID       string // a UUID
	Dispute  string // id of the dispute decided
	Card     string
	Hash     string // the card's content hash the decision was made on
	Reviewer string
	At       time.Time
	Verdict  string // ReviewAccepted or ReviewRejected
	// Point is the key point the words were added to, as written before
	// the edit; Words the alternate added; NewHash the card's content hash
	// after the edit (accepted only).
	Point   string
	Words   string
	NewHash string
	// File is the playbook file edited, with its sha256 before and after
	// (accepted only).
	File       string
	FileBefore string
	FileAfter  string
	Note       string // why, in the reviewer's words (optional)
}

// DisputeStore keeps disputes and review decisions. It is separate from
// Store so that stores which only read attempts need not implement it;
// callers get it with a type assertion.
type DisputeStore interface {
	// AddDispute stores a dispute; one whose ID is stored already is
	// skipped (added is false), so imports merge idempotently.
	AddDispute(d Dispute) (added bool, err error)
	// Disputes returns every rep's disputes in time order.
	Disputes() ([]Dispute, error)
	// AddReview stores a decision, skipping a stored ID like AddDispute.
	AddReview(r Review) (added bool, err error)
	// Reviews returns every decision in time order.
	Reviews() ([]Review, error)
}

// Disputed reports whether a rating of an answer is a dispute: a failing
// score rated above the rating the grade suggested.
func Disputed(score, passMark float64, suggested, rating Rating) bool {
	return score < passMark && suggested.Valid() && rating > suggested
}
