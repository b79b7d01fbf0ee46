package playbook

// Facts are what an attempt's records for a learning record store say
// beyond the attempt itself, fixed when the attempt is recorded: a later
// edit of the playbook (a reworded question, a new option) or of a rule
// never changes a statement once made.
type Facts struct {
	Prompt  string
	Options []string // choice and classify: the options as shown
	Correct []int    // indexes into Options
	Items   []string // order: the items in their right order
	// Passed is whether the attempt passed by playdrill's rule when it
	// was recorded.
	Passed bool
	// Text is the rest of the card as it was when the attempt was
	// recorded; nil for attempts recorded before it was kept. A machine
	// that never had that version of the playbook judges from it whether
	// a later edit of the card was minor.
	Text *CardText
}

// CardText is what a card says beyond its question and options: what
// deciding whether an edit was minor reads.
type CardText struct {
	Answer   string   // the model answer ("" for an ordering, made from its items)
	Points   []string // the key points, each as written ("a | b")
	NeverSay []string
	Why      string
}

// Unsent is one record a learning record store has not accepted yet:
// exactly one of the fields is set.
type Unsent struct {
	Attempt    *Attempt
	Completion *Completion
	Feedback   *Feedback
}

// Pusher is a Store that remembers, per LRS endpoint, how far its pushes
// got, so a push reads only what was added since, however many records
// were sent before. A mark is opaque; nil means nothing was sent.
type Pusher interface {
	// Unsent calls fn with each record added after mark (every record
	// for nil), outside any transaction, and returns the mark that
	// covers everything it gave fn.
	Unsent(mark []byte, fn func(Unsent) error) ([]byte, error)
	// PushMark returns the mark saved for endpoint, nil if none.
	PushMark(endpoint string) ([]byte, error)
	// SetPushMark saves endpoint's mark once the LRS accepted it all.
	SetPushMark(endpoint string, mark []byte) error
}

// Appender is a Store that adds attempts in batches without touching
// card states, for an import that streams: the caller rebuilds the states
// of the reps it touched afterwards (Import with States and Completions).
type Appender interface {
	// AddAttempts adds the attempts not stored yet (same id and time) in
	// one transaction and says how many were new.
	AddAttempts(batch []Attempt) (added int, err error)
}
