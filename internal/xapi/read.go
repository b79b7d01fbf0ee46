package xapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/safe"
)

// Reading statements back.
const (
	// PageSize is how many statements a page asks for.
	PageSize = 500
	// maxPage bounds the bytes of one page of statements.
	maxPage = 64 << 20
)

// errPageTooBig is what a page over maxPage reads as.
var errPageTooBig = fmt.Errorf("a page of statements is over %d MiB: not an answer playdrill reads", maxPage>>20)

// limitedReader is io.LimitReader that fails, instead of ending, at the
// limit: a body cut short must not read as a complete page.
type limitedReader struct {
	r    io.Reader
	left int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		return 0, errPageTooBig
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}

// ReadStatements pages through the LRS's statements (stored after since,
// when since is not zero), following "more" on the LRS's own origin, and
// calls fn with each statement as it is decoded: a page is never held
// whole. It returns how many pages it read.
func (l *LRS) ReadStatements(ctx context.Context, since time.Time, fn func(Statement) error) (pages int, err error) {
	first, err := l.Resource("statements")
	if err != nil {
		return 0, err
	}
	q := first.Query()
	q.Set("limit", strconv.Itoa(PageSize))
	if !since.IsZero() {
		q.Set("since", since.UTC().Format(time.RFC3339Nano))
	}
	first.RawQuery = q.Encode()
	next := first
	seen := map[string]bool{}
	for next != nil {
		if seen[next.String()] {
			return pages, fmt.Errorf("the LRS's \"more\" leads back to a page already read (%s)", RedactURL(next.String()))
		}
		seen[next.String()] = true
		more, err := l.readPage(ctx, next, fn)
		if err != nil {
			return pages, err
		}
		pages++
		current := next
		next = nil
		if more != "" {
			u, err := current.Parse(more)
			if err != nil {
				return pages, fmt.Errorf("the LRS's \"more\" %q is not an address", RedactURL(more))
			}
			if !sameOrigin(u, first) {
				return pages, fmt.Errorf("the LRS's \"more\" points to %s, another origin, which must not get the credentials", RedactURL(u.String()))
			}
			next = u
		}
	}
	return pages, nil
}

// readPage reads one page and returns its "more".
func (l *LRS) readPage(ctx context.Context, u *url.URL, fn func(Statement) error) (string, error) {
	resp, err := l.do(ctx, http.MethodGet, u, nil, nil)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		data, _ := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
		return "", &LRSError{Status: resp.StatusCode, Message: lrsMessage(data)}
	}
	dec := json.NewDecoder(&limitedReader{r: resp.Body, left: maxPage})
	bad := func(err error) error {
		if errors.Is(err, errPageTooBig) {
			return err
		}
		var netErr interface{ Timeout() bool }
		if errors.As(err, &netErr) || errors.Is(err, context.DeadlineExceeded) {
			return l.networkError(ctx, u, err)
		}
		return fmt.Errorf("the LRS's answer is not a page of xAPI statements (%s)", safe.Text(err.Error()))
	}
	if err := expectDelim(dec, '{'); err != nil {
		return "", bad(err)
	}
	more := ""
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return "", bad(err)
		}
		switch tok {
		case "statements":
			if err := expectDelim(dec, '['); err != nil {
				return "", bad(err)
			}
			for dec.More() {
				var s Statement
				if err := dec.Decode(&s); err != nil {
					return "", bad(err)
				}
				if err := fn(s); err != nil {
					return "", err
				}
			}
			if _, err := dec.Token(); err != nil {
				return "", bad(err)
			}
		case "more":
			if err := dec.Decode(&more); err != nil {
				return "", bad(err)
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return "", bad(err)
			}
		}
	}
	if _, err := dec.Token(); err != nil {
		return "", bad(err)
	}
	return more, nil
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("expected %q, found %v", string(want), tok)
	}
	return nil
}

// ErrNotPlaydrill marks a statement under the home page that playdrill
// cannot read back as a record.
var ErrNotPlaydrill = errors.New("not a playdrill record")

// ToRecord turns a statement back into the record it was made from: an
// answered statement into its attempt, a commented one into feedback.
// ok is false for statements that are not about this home page's cards
// or carry nothing to keep (passed, failed, completed: those are rebuilt
// from the attempts). A statement about the cards that cannot be read
// back is an error wrapping ErrNotPlaydrill.
func ToRecord(s Statement, homePage string) (u playbook.Unsent, ok bool, err error) {
	homePage = strings.TrimRight(homePage, "/")
	card, isCard := under(s.Object.ID, homePage, "cards")
	if !isCard {
		return u, false, nil
	}
	rep := s.Actor.Account.Name
	if rep == "" {
		return u, false, fmt.Errorf("statement %s has no actor account name: %w", safe.Text(s.ID), ErrNotPlaydrill)
	}
	at, err := statementTime(s)
	if err != nil {
		return u, false, err
	}
	var step, process, version, recordID, hash string
	var text *playbook.CardText
	if c := s.Context; c != nil {
		text = textOf(c.Extensions[ExtText])
		if c.ContextActivities != nil {
			if len(c.ContextActivities.Parent) > 0 {
				step, _ = under(c.ContextActivities.Parent[0].ID, homePage, "steps")
			}
			if len(c.ContextActivities.Grouping) > 0 {
				process, _ = under(c.ContextActivities.Grouping[0].ID, homePage, "processes")
			}
		}
		version, _ = c.Extensions[ExtPlaybookVersion].(string)
		recordID, _ = c.Extensions[ExtRecord].(string)
		hash, _ = c.Extensions[ExtHash].(string)
	}
	if recordID == "" {
		recordID = s.ID
	}
	switch s.Verb.ID {
	case VerbCommented:
		text := ""
		if s.Result != nil && s.Result.Response != nil {
			text = *s.Result.Response
		}
		return playbook.Unsent{Feedback: &playbook.Feedback{ID: recordID, Rep: rep, Card: card, Hash: hash, Step: step, At: at, Text: text}}, true, nil
	case VerbAnswered:
	default:
		return u, false, nil
	}
	r := s.Result
	if r == nil || r.Score == nil {
		return u, false, fmt.Errorf("answered statement %s has no score: %w", safe.Text(s.ID), ErrNotPlaydrill)
	}
	num := func(key string) int {
		f, _ := r.Extensions[key].(float64)
		return int(f)
	}
	kind, _ := r.Extensions[ExtKind].(string)
	cram, _ := r.Extensions[ExtCram].(bool)
	a := playbook.Attempt{ID: recordID, Rep: rep, Card: card, Hash: hash, Step: step, Process: process, Kind: playbook.Kind(kind),
		PlaybookVersion: version, At: at, Score: r.Score.Raw, Suggested: playbook.Rating(num(ExtSuggested)),
		Rating: playbook.Rating(num(ExtRating)), Cram: cram}
	switch {
	case !validKind(a.Kind):
		return u, false, fmt.Errorf("answered statement %s: unknown card kind %q: %w", safe.Text(s.ID), safe.Text(kind), ErrNotPlaydrill)
	case !a.Rating.Valid():
		return u, false, fmt.Errorf("answered statement %s: rating %d is not 1-4: %w", safe.Text(s.ID), a.Rating, ErrNotPlaydrill)
	case a.Score < 0 || a.Score > 1:
		return u, false, fmt.Errorf("answered statement %s: score %v is outside 0..1: %w", safe.Text(s.ID), a.Score, ErrNotPlaydrill)
	case step == "":
		return u, false, fmt.Errorf("answered statement %s names no step: %w", safe.Text(s.ID), ErrNotPlaydrill)
	}
	if r.Duration != "" {
		d, err := parseDuration(r.Duration)
		if err != nil {
			return u, false, fmt.Errorf("answered statement %s: %v: %w", safe.Text(s.ID), err, ErrNotPlaydrill)
		}
		a.Duration = d
	}
	f := factsOf(s.Object.Definition)
	if r.Success != nil {
		f.Passed = *r.Success
	}
	f.Text = text
	if f.Prompt != "" || len(f.Options) > 0 || len(f.Items) > 0 || r.Success != nil || text != nil {
		a.Facts = f
	}
	if r.Response != nil {
		a.Response = responseText(f, a.Kind, *r.Response)
	}
	return playbook.Unsent{Attempt: &a}, true, nil
}

func validKind(k playbook.Kind) bool {
	for _, x := range playbook.Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// under returns what follows homePage/playdrill/kind/ in id, unescaped.
func under(id, homePage, kind string) (string, bool) {
	prefix := homePage + "/playdrill/" + kind + "/"
	if !strings.HasPrefix(id, prefix) {
		return "", false
	}
	v, err := url.PathUnescape(id[len(prefix):])
	if err != nil || v == "" {
		return "", false
	}
	return v, true
}

// statementTime is the record's exact time when the statement keeps it,
// else its timestamp.
func statementTime(s Statement) (time.Time, error) {
	if s.Context != nil {
		if v, ok := s.Context.Extensions[ExtAt].(string); ok {
			if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
				return t, nil
			}
		}
	}
	t, err := time.Parse(time.RFC3339Nano, s.Timestamp)
	if err != nil {
		return t, fmt.Errorf("statement %s: timestamp %q is not an RFC 3339 time: %w", safe.Text(s.ID), safe.Text(s.Timestamp), ErrNotPlaydrill)
	}
	return t, nil
}

// parseDuration reads the durations isoDuration writes (PTn.nnS), and
// the hours and minutes other tools may add.
func parseDuration(s string) (time.Duration, error) {
	rest, ok := strings.CutPrefix(s, "PT")
	if !ok {
		return 0, fmt.Errorf("duration %q is not PT…S", safe.Text(s))
	}
	var d time.Duration
	for _, unit := range []struct {
		sep string
		mul time.Duration
	}{{"H", time.Hour}, {"M", time.Minute}, {"S", time.Second}} {
		v, after, found := strings.Cut(rest, unit.sep)
		if !found {
			continue
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || f > 1e6 {
			return 0, fmt.Errorf("duration %q is not PT…S", safe.Text(s))
		}
		d += time.Duration(f * float64(unit.mul))
		rest = after
	}
	if rest != "" {
		return 0, fmt.Errorf("duration %q is not PT…S", safe.Text(s))
	}
	return d, nil
}

// textOf reads a card's text back from its extension: nil when absent
// or not of its shape.
func textOf(v any) *playbook.CardText {
	if v == nil {
		return nil
	}
	data, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var t cardText
	if err := json.Unmarshal(data, &t); err != nil {
		return nil
	}
	return &playbook.CardText{Answer: t.Answer, Points: t.Points, NeverSay: t.NeverSay, Why: t.Why}
}

// factsOf reads an interaction's definition back into facts.
func factsOf(def *Definition) *playbook.Facts {
	f := &playbook.Facts{}
	if def == nil {
		return f
	}
	f.Prompt = def.Name[lang]
	texts := make([]string, len(def.Choices))
	for i, c := range def.Choices {
		texts[i] = c.Description[lang]
	}
	switch def.InteractionType {
	case "choice":
		f.Options = texts
		if len(def.CorrectResponsesPattern) > 0 && def.CorrectResponsesPattern[0] != "" {
			for _, id := range strings.Split(def.CorrectResponsesPattern[0], "[,]") {
				if n, err := strconv.Atoi(id); err == nil && n >= 1 && n <= len(texts) {
					f.Correct = append(f.Correct, n-1)
				}
			}
		}
	case "sequencing":
		f.Items = texts
	}
	if len(f.Options) == 0 {
		f.Options = nil
	}
	if len(f.Items) == 0 {
		f.Items = nil
	}
	return f
}

// responseText turns an interaction's response back into the text the
// attempt recorded: choice ids into the options' texts.
func responseText(f *playbook.Facts, kind playbook.Kind, response string) string {
	from, sep := f.Options, pickSep
	if interactionType(kind) == "sequencing" {
		from, sep = f.Items, orderSep
	}
	if interactionType(kind) == "long-fill-in" || len(from) == 0 || response == "" {
		return response
	}
	var parts []string
	for _, id := range strings.Split(response, "[,]") {
		n, err := strconv.Atoi(id)
		if err != nil || n < 1 || n > len(from) {
			return response // a pick that matched no option was kept as text
		}
		parts = append(parts, from[n-1])
	}
	return strings.Join(parts, sep)
}
