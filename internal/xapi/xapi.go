// Package xapi turns attempts and completions into xAPI statements and
// sends them to a learning record store.
package xapi

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/records"
	"github.com/playdrill/playdrill/internal/safe"
)

// DefaultHomePage is the actor accounts' home page when none is given. The
// .invalid top-level domain never resolves, so nothing points anywhere a
// company did not choose; set --home-page to the company's own address.
const DefaultHomePage = "https://playdrill.invalid"

// ADL verbs and activity types (xAPI vocabulary).
const (
	VerbAnswered  = "http://adlnet.gov/expapi/verbs/answered"
	VerbPassed    = "http://adlnet.gov/expapi/verbs/passed"
	VerbFailed    = "http://adlnet.gov/expapi/verbs/failed"
	VerbCompleted = "http://adlnet.gov/expapi/verbs/completed"
	VerbCommented = "http://adlnet.gov/expapi/verbs/commented"

	ActivityInteraction = "http://adlnet.gov/expapi/activities/cmi.interaction"
	ActivityLesson      = "http://adlnet.gov/expapi/activities/lesson"
	ActivityModule      = "http://adlnet.gov/expapi/activities/module"
)

// Extension IRIs for what xAPI has no property for. They are fixed (not
// derived from the home page) so every install means the same thing.
const (
	extBase            = "https://playdrill.invalid/xapi/extensions/"
	ExtRating          = extBase + "rating"
	ExtSuggested       = extBase + "suggested-rating"
	ExtCram            = extBase + "cram"
	ExtPlaybookVersion = extBase + "playbook-version"
	ExtKind            = extBase + "card-kind"
	ExtRecord          = extBase + "record-id"
	ExtHash            = extBase + "card-hash"
	// ExtAt is the record's time to the nanosecond (the timestamp keeps
	// milliseconds), so a record read back is the record sent.
	ExtAt = extBase + "recorded-at"
	// ExtText is the card's text as the attempt recorded it (model
	// answer, key points, never-say phrases, reason), on the answered
	// statement of an attempt that kept it: what a machine reading the
	// team back needs to judge a later edit of the card minor.
	ExtText = extBase + "card-text"
)

// cardText is the JSON form of playbook.CardText in ExtText.
type cardText struct {
	Answer   string   `json:"answer,omitempty"`
	Points   []string `json:"points,omitempty"`
	NeverSay []string `json:"neverSay,omitempty"`
	Why      string   `json:"why,omitempty"`
}

// statementNS is the namespace of statement ids: uuid v5 of the record id,
// the verb and the home page, so sending the same records twice is a
// no-op at the LRS, and the same records under another home page (other
// actors, other activities) are other statements.
var statementNS = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://playdrill.invalid/xapi/statements/2"))

// XAPIOptions configure statements.
type XAPIOptions struct {
	HomePage string  // actor accounts' home page; default DefaultHomePage
	PassMark float64 // passed/failed threshold; default drill.DefaultPassMark
	// Book gives cards their definitions (prompt, choices); attempts on
	// cards no longer in it still get statements, with less detail.
	Book *playbook.Playbook
}

func (o XAPIOptions) withDefaults() XAPIOptions {
	if o.HomePage == "" {
		o.HomePage = DefaultHomePage
	}
	o.HomePage = strings.TrimRight(o.HomePage, "/")
	if o.PassMark == 0 {
		o.PassMark = drill.DefaultPassMark
	}
	return o
}

// ValidateHomePage checks a home page is an absolute http(s) URL.
func ValidateHomePage(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("home page %q is not an absolute http(s) URL", s)
	}
	return nil
}

// Statement is an xAPI statement.
type Statement struct {
	ID        string   `json:"id"`
	Actor     Agent    `json:"actor"`
	Verb      Verb     `json:"verb"`
	Object    Activity `json:"object"`
	Result    *Result  `json:"result,omitempty"`
	Context   *Context `json:"context,omitempty"`
	Timestamp string   `json:"timestamp"`
}

// Agent is an xAPI agent identified by an account.
type Agent struct {
	ObjectType string  `json:"objectType"`
	Name       string  `json:"name,omitempty"`
	Account    Account `json:"account"`
}

// Account is an agent's account on a system.
type Account struct {
	HomePage string `json:"homePage"`
	Name     string `json:"name"`
}

// Verb is an xAPI verb.
type Verb struct {
	ID      string            `json:"id"`
	Display map[string]string `json:"display"`
}

// Activity is an xAPI activity.
type Activity struct {
	ObjectType string      `json:"objectType"`
	ID         string      `json:"id"`
	Definition *Definition `json:"definition,omitempty"`
}

// Definition describes an activity.
type Definition struct {
	Name                    map[string]string `json:"name,omitempty"`
	Description             map[string]string `json:"description,omitempty"`
	Type                    string            `json:"type,omitempty"`
	InteractionType         string            `json:"interactionType,omitempty"`
	CorrectResponsesPattern []string          `json:"correctResponsesPattern,omitempty"`
	Choices                 []Component       `json:"choices,omitempty"`
}

// Component is one choice of an interaction.
type Component struct {
	ID          string            `json:"id"`
	Description map[string]string `json:"description"`
}

// Result is a statement's outcome.
type Result struct {
	Score      *Score         `json:"score,omitempty"`
	Success    *bool          `json:"success,omitempty"`
	Completion *bool          `json:"completion,omitempty"`
	Response   *string        `json:"response,omitempty"`
	Duration   string         `json:"duration,omitempty"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

// Score is a scaled score with its raw value.
type Score struct {
	Scaled float64 `json:"scaled"`
	Raw    float64 `json:"raw"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

// Context places a statement in its step and process.
type Context struct {
	ContextActivities *ContextActivities `json:"contextActivities,omitempty"`
	Platform          string             `json:"platform,omitempty"`
	Extensions        map[string]any     `json:"extensions,omitempty"`
}

// ContextActivities are the activities around a statement's object.
type ContextActivities struct {
	Parent   []Activity `json:"parent,omitempty"`
	Grouping []Activity `json:"grouping,omitempty"`
}

// lang is the language of the texts in definitions.
const lang = "en"

func verb(id string) Verb {
	return Verb{ID: id, Display: map[string]string{"en-US": id[strings.LastIndex(id, "/")+1:]}}
}

// xapiTime is an xAPI timestamp: UTC with milliseconds.
func xapiTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z07:00") }

// isoDuration formats d as an ISO 8601 duration with centiseconds, the
// precision xAPI keeps.
func isoDuration(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	cs := d.Milliseconds() / 10
	return fmt.Sprintf("PT%d.%02dS", cs/100, cs%100)
}

// StatementID is the deterministic id of the statement with verb about the
// record with id, under home page.
func StatementID(recordID, verbID, homePage string) string {
	return uuid.NewSHA1(statementNS, []byte(recordID+"\x00"+verbID+"\x00"+homePage)).String()
}

func (b xapiBuilder) id(recordID, verbID string) string {
	return StatementID(recordID, verbID, b.opt.HomePage)
}

type xapiBuilder struct {
	opt XAPIOptions
}

func (b xapiBuilder) actor(rep string) Agent {
	return Agent{ObjectType: "Agent", Name: rep, Account: Account{HomePage: b.opt.HomePage, Name: rep}}
}

func (b xapiBuilder) iri(kind, id string) string {
	return b.opt.HomePage + "/playdrill/" + kind + "/" + url.PathEscape(id)
}

// Steps and processes are named by id only: a statement must not change
// when a title is edited after it was made.
func (b xapiBuilder) stepActivity(id string) Activity {
	return Activity{ObjectType: "Activity", ID: b.iri("steps", id), Definition: &Definition{Type: ActivityLesson}}
}

func (b xapiBuilder) processActivity(id string) Activity {
	return Activity{ObjectType: "Activity", ID: b.iri("processes", id), Definition: &Definition{Type: ActivityModule}}
}

func (b xapiBuilder) context(step, process, version string, ext map[string]any) *Context {
	c := &Context{Platform: "playdrill", ContextActivities: &ContextActivities{}}
	if step != "" {
		c.ContextActivities.Parent = []Activity{b.stepActivity(step)}
	}
	if process != "" {
		c.ContextActivities.Grouping = []Activity{b.processActivity(process)}
	}
	if c.ContextActivities.Parent == nil && c.ContextActivities.Grouping == nil {
		c.ContextActivities = nil
	}
	if version != "" {
		if ext == nil {
			ext = map[string]any{}
		}
		ext[ExtPlaybookVersion] = version
	}
	if len(ext) > 0 {
		c.Extensions = ext
	}
	return c
}

// interactionType is the cmi.interaction type of a card kind: typed
// answers are long free text, a cloze's few words a fill-in, picks are
// choices, orders are sequencing.
func interactionType(k playbook.Kind) string {
	switch k {
	case playbook.KindChoice, playbook.KindClassify:
		return "choice"
	case playbook.KindOrder:
		return "sequencing"
	case playbook.KindCloze:
		return "fill-in"
	}
	return "long-fill-in"
}

// activityName is how a learning system lists a card: its prompt, said
// as what it is where the prompt alone does not say (an objection is the
// prospect's words, a cloze a sentence with a blank).
func activityName(k playbook.Kind, prompt string) string {
	switch k {
	case playbook.KindObjection:
		return "Objection: " + prompt
	case playbook.KindCloze:
		return "Fill in the blank: " + prompt
	}
	return prompt
}

// choiceID names an option or item by its 1-based position.
func choiceID(i int) string { return strconv.Itoa(i + 1) }

// safeAll is each of list through safe.Text, nil for none.
func safeAll(list []string) []string {
	var out []string
	for _, s := range list {
		out = append(out, safe.Text(s))
	}
	return out
}

func texts(items []string) []Component {
	out := make([]Component, len(items))
	for i, s := range items {
		out[i] = Component{ID: choiceID(i), Description: map[string]string{lang: safe.Text(s)}}
	}
	return out
}

// factsFor returns what an attempt's statements say of its card: the
// facts kept with the attempt; for an attempt recorded before they were
// kept, the card as the playbook has it now (nil when it is gone) and
// the pass rule applied now.
func (b xapiBuilder) factsFor(a playbook.Attempt) *playbook.Facts {
	if a.Facts != nil {
		return a.Facts
	}
	f := &playbook.Facts{Passed: drill.Passed(a, b.opt.PassMark)}
	if b.opt.Book == nil {
		return f
	}
	c, ok := b.opt.Book.Card(a.Card)
	if !ok {
		return f
	}
	f.Prompt, f.Options, f.Correct, f.Items = c.Prompt, c.Options, c.Correct, c.Items
	return f
}

// cardActivity is the card as an interaction, defined by facts (nil: id
// and type only).
func (b xapiBuilder) cardActivity(cardID string, kind playbook.Kind, f *playbook.Facts) Activity {
	def := &Definition{Type: ActivityInteraction, InteractionType: interactionType(kind)}
	if f != nil && f.Prompt != "" {
		def.Name = map[string]string{lang: safe.Text(activityName(kind, f.Prompt))}
		switch def.InteractionType {
		case "choice":
			if len(f.Options) > 0 {
				def.Choices = texts(f.Options)
				ids := make([]string, len(f.Correct))
				for i, c := range f.Correct {
					ids[i] = choiceID(c)
				}
				def.CorrectResponsesPattern = []string{strings.Join(ids, "[,]")}
			}
		case "sequencing":
			if len(f.Items) > 0 {
				def.Choices = texts(f.Items)
				ids := make([]string, len(f.Items))
				for i := range f.Items {
					ids[i] = choiceID(i)
				}
				def.CorrectResponsesPattern = []string{strings.Join(ids, "[,]")}
			}
		}
	}
	return Activity{ObjectType: "Activity", ID: b.iri("cards", cardID), Definition: def}
}

// Separators the drill engine joins picked options and ordered items with
// in an attempt's response.
const (
	pickSep  = "; "
	orderSep = " > "
)

// xapiResponse is the attempt's response in the interaction's format: for
// picks and orders the choice ids joined by "[,]", mapped back from the
// option texts the attempt recorded; typed text (or a pick that no longer
// matches the card) as is.
func xapiResponse(f *playbook.Facts, kind playbook.Kind, response string) string {
	var from []string
	sep := pickSep
	switch interactionType(kind) {
	case "choice":
		if f != nil {
			from = f.Options
		}
	case "sequencing":
		if f != nil {
			from = f.Items
		}
		sep = orderSep
	}
	if from == nil || response == "" {
		return safe.Text(response)
	}
	index := map[string]int{}
	for i, t := range from {
		index[t] = i
	}
	var ids []string
	for _, part := range strings.Split(response, sep) {
		i, ok := index[part]
		if !ok {
			return safe.Text(response)
		}
		ids = append(ids, choiceID(i))
	}
	return strings.Join(ids, "[,]")
}

func scaled(score float64) *Score {
	s := score
	if math.IsNaN(s) || s < 0 {
		s = 0
	} else if s > 1 {
		s = 1
	}
	return &Score{Scaled: s, Raw: s, Min: 0, Max: 1}
}

// attemptStatements gives an attempt's statements to fn: answered, then
// passed or failed, by the pass rule the attempt was recorded under. A
// cram answer is only answered, with no success: cram passes nothing.
func (b xapiBuilder) attemptStatements(a playbook.Attempt, fn func(Statement) error) error {
	f := b.factsFor(a)
	obj := b.cardActivity(a.Card, a.Kind, f)
	resp := xapiResponse(f, a.Kind, a.Response)
	ext := func() map[string]any {
		return map[string]any{ExtRecord: a.ID, ExtHash: a.Hash, ExtAt: a.At.UTC().Format(time.RFC3339Nano)}
	}
	answeredExt := ext()
	if t := f.Text; t != nil {
		answeredExt[ExtText] = cardText{Answer: safe.Text(t.Answer), Points: safeAll(t.Points), NeverSay: safeAll(t.NeverSay), Why: safe.Text(t.Why)}
	}
	answered := Statement{
		ID: b.id(a.ID, VerbAnswered), Actor: b.actor(a.Rep), Verb: verb(VerbAnswered), Object: obj,
		Result: &Result{Score: scaled(a.Score), Response: &resp,
			Extensions: map[string]any{ExtRating: int(a.Rating), ExtSuggested: int(a.Suggested), ExtCram: a.Cram, ExtKind: string(a.Kind)}},
		Context:   b.context(a.Step, a.Process, a.PlaybookVersion, answeredExt),
		Timestamp: xapiTime(a.At),
	}
	if a.Duration > 0 {
		answered.Result.Duration = isoDuration(a.Duration)
	}
	if a.Cram {
		return fn(answered)
	}
	success := f.Passed
	answered.Result.Success = &success
	if err := fn(answered); err != nil {
		return err
	}
	v := VerbFailed
	if success {
		v = VerbPassed
	}
	return fn(Statement{
		ID: b.id(a.ID, v), Actor: b.actor(a.Rep), Verb: verb(v), Object: obj,
		Result:    &Result{Score: scaled(a.Score), Success: &success},
		Context:   b.context(a.Step, a.Process, a.PlaybookVersion, ext()),
		Timestamp: xapiTime(a.At),
	})
}

func (b xapiBuilder) completionStatement(c playbook.Completion) Statement {
	done := true
	return Statement{
		ID: b.id(records.CompletionID(c), VerbCompleted), Actor: b.actor(c.Rep), Verb: verb(VerbCompleted),
		Object:    b.stepActivity(c.Step),
		Result:    &Result{Completion: &done, Success: &done},
		Context:   b.context("", c.Process, c.PlaybookVersion, nil),
		Timestamp: xapiTime(c.At),
	}
}

// feedbackStatement is a rep's comment on a card: commented, the text as
// the response.
func (b xapiBuilder) feedbackStatement(f playbook.Feedback) Statement {
	text := safe.Text(f.Text)
	return Statement{
		ID: b.id(f.ID, VerbCommented), Actor: b.actor(f.Rep), Verb: verb(VerbCommented),
		Object:    Activity{ObjectType: "Activity", ID: b.iri("cards", f.Card), Definition: &Definition{Type: ActivityInteraction}},
		Result:    &Result{Response: &text},
		Context:   b.context(f.Step, "", "", map[string]any{ExtRecord: f.ID, ExtHash: f.Hash, ExtAt: f.At.UTC().Format(time.RFC3339Nano)}),
		Timestamp: xapiTime(f.At),
	}
}

// unsentStatements gives the statements of one record to fn.
func (b xapiBuilder) unsentStatements(u playbook.Unsent, fn func(Statement) error) error {
	switch {
	case u.Attempt != nil:
		return b.attemptStatements(*u.Attempt, fn)
	case u.Completion != nil:
		return fn(b.completionStatement(*u.Completion))
	case u.Feedback != nil:
		return fn(b.feedbackStatement(*u.Feedback))
	}
	return nil
}

// EachStatement calls fn with every statement of the store: each
// attempt's, then each completion's, then each feedback's.
func EachStatement(store playbook.Store, opt XAPIOptions, fn func(Statement) error) error {
	b := xapiBuilder{opt: opt.withDefaults()}
	if err := store.Attempts("", func(a playbook.Attempt) error { return b.attemptStatements(a, fn) }); err != nil {
		return err
	}
	if err := records.EachCompletion(store, func(c playbook.Completion) error { return fn(b.completionStatement(c)) }); err != nil {
		return err
	}
	notes, err := store.Feedback()
	if err != nil {
		return err
	}
	for _, f := range notes {
		if err := fn(b.feedbackStatement(f)); err != nil {
			return err
		}
	}
	return nil
}

// EachUnsent calls fn with the statements of every record added after
// mark, and returns the mark that covers them (see playbook.Pusher).
func EachUnsent(p playbook.Pusher, mark []byte, opt XAPIOptions, fn func(Statement) error) ([]byte, error) {
	b := xapiBuilder{opt: opt.withDefaults()}
	return p.Unsent(mark, func(u playbook.Unsent) error { return b.unsentStatements(u, fn) })
}

// CountStatements says how many statements EachStatement makes, from the
// reps' running totals and completions, without reading the attempts.
func CountStatements(store playbook.Store) (int, error) {
	reps, err := store.Reps()
	if err != nil {
		return 0, err
	}
	n := 0
	for _, rep := range reps {
		t, err := store.Totals(rep)
		if err != nil {
			return 0, err
		}
		done, err := store.Completions(rep)
		if err != nil {
			return 0, err
		}
		n += 2*t.Attempts - t.Cram + len(done)
	}
	notes, err := store.Feedback()
	if err != nil {
		return 0, err
	}
	return n + len(notes), nil
}

// ExportXAPI writes every statement as one JSON array, streaming.
func ExportXAPI(w io.Writer, store playbook.Store, opt XAPIOptions) (int, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	n := 0
	if _, err := bw.WriteString("["); err != nil {
		return 0, err
	}
	err := EachStatement(store, opt, func(s Statement) error {
		data, err := safe.Marshal(s)
		if err != nil {
			return err
		}
		if n > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
		n++
		_, err = bw.Write(data)
		return err
	})
	if err != nil {
		return n, err
	}
	bw.WriteString("\n]\n")
	return n, bw.Flush()
}
