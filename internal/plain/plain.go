// Package plain is playdrill's line-oriented front end: the same drill
// engine as the TUI, driven by one line of input per answer, for screen
// readers, pipes and scripts. It needs no terminal.
//
// The lines it prints and reads are a contract (scripts rely on them):
// each card starts with "Card <n>: <card-id> [<kind>]", then the prompt;
// choice and classify options and order items are numbered "1) ...";
// after the answer come the score, each key point hit or missed, never-say
// flags and the model answer, then the line "Rating [1-4, Enter=<n>]:".
// At any prompt ":q" (or end of input) ends the session, ":skip" skips
// the card, ":flag TEXT" leaves feedback on it and ":dispute" disputes the
// grade of the answer just given.
package plain

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/safe"
	"github.com/playdrill/playdrill/internal/words"
)

// Options configure a session.
type Options struct {
	In        io.Reader
	Out       io.Writer
	Selection drill.Selection
}

// Summary is what a session did.
type Summary struct {
	Answered  int
	Skipped   int
	ScoreSum  float64
	Completed []*playbook.Step // steps finished in the session, in order
	Opened    []*playbook.Step // steps opened by them
	Quit      bool             // ended by :q or end of input before the last card
	Disputed  int              // answers disputed in the session
}

// MeanScore is the mean score of the answered cards (0 when none).
func (s Summary) MeanScore() float64 {
	if s.Answered == 0 {
		return 0
	}
	return s.ScoreSum / float64(s.Answered)
}

// Run drills the selected cards on e, reading answers from opt.In and
// writing to opt.Out, and ends with a summary. Each answer is committed
// before the next card is printed. It fails before printing anything when
// the selection is refused (drill.Engine.Queue's errors), and stops with an
// error when an attempt cannot be committed or the output cannot be written.
func Run(e *drill.Engine, opt Options) (Summary, error) {
	queue, err := e.Queue(opt.Selection)
	if err != nil {
		return Summary{}, err
	}
	p, err := e.Progress()
	if err != nil {
		return Summary{}, err
	}
	s := &session{eng: e, in: newLineReader(opt.In), out: &printer{w: opt.Out}, cram: opt.Selection.Cram}
	s.header(len(queue), changedSteps(p))
	for i, c := range queue {
		if s.out.err != nil {
			break
		}
		end, err := s.card(i+1, c)
		if err != nil {
			return s.sum, err
		}
		if end {
			s.sum.Quit = true
			break
		}
	}
	if err := s.summary(); err != nil {
		return s.sum, err
	}
	return s.sum, s.out.err
}

// session is one run of the front end.
type session struct {
	eng  *drill.Engine
	in   *lineReader
	out  *printer
	cram bool
	sum  Summary
	// graded is the answer being rated, last the answer recorded last:
	// what :dispute is about (dispute.go).
	graded *gradedAnswer
	last   *gradedAnswer
	// order is how the card's options or items are shown in the attempt
	// under way (drill.Arrange's order).
	order []int
}

// changedSteps lists the ids of the steps whose cards were edited since
// the rep passed them.
func changedSteps(p drill.Progress) []string {
	var ids []string
	for _, pp := range p.Processes {
		for _, sp := range pp.Steps {
			if sp.Status == drill.StatusChanged {
				ids = append(ids, safe.Text(sp.Step.ID))
			}
		}
	}
	return ids
}

func (s *session) header(n int, changed []string) {
	if len(changed) > 0 {
		s.out.line("Changed since you passed them: %s", strings.Join(changed, ", "))
	}
	book := s.eng.Book()
	title := safe.Text(book.Title)
	if title == "" {
		title = "the playbook"
	}
	switch {
	case n == 0:
		s.out.line("Nothing to drill now.")
		return
	case s.cram:
		s.out.line("Cram: %s from %s. Your schedule will not change.", words.Count(n, "card"), title)
	default:
		s.out.line("Drill: %s from %s.", words.Count(n, "card"), title)
	}
	s.out.line("Answer on one line. Commands: :skip skips a card, :flag TEXT leaves feedback, :dispute disputes the grade just given, :q ends.")
	s.out.line("Ratings: 1 again, 2 hard, 3 good, 4 easy.")
}

// card drills one card; end reports that the session should end.
func (s *session) card(n int, c *playbook.Card) (end bool, err error) {
	s.out.line("")
	s.out.line("Card %d: %s [%s]", n, safe.Text(c.ID), c.Kind)
	s.out.block(c.Prompt, "")
	if c.Unwritten() {
		s.out.line("(Not written yet: the playbook's answer to this card is a TODO. Answer as you would, or :skip.)")
	}
	switch c.Kind {
	case playbook.KindCloze:
		s.out.line("Write the words that fill the blank.")
	case playbook.KindObjection:
		s.out.line("The prospect says this: respond as you would on the call.")
	}
	start := s.eng.Now()
	ans, act := s.answer(c)
	switch act {
	case actQuit:
		return true, nil
	case actSkip:
		s.skip(c)
		return false, nil
	}
	took := s.eng.Now().Sub(start)
	res := s.eng.Grade(c, ans)
	s.showResult(c, ans, res)
	s.graded = &gradedAnswer{card: c, result: res}
	rating, act := s.rating(c, res.Suggested)
	graded := s.graded
	s.graded = nil
	switch act {
	case actQuit:
		return true, nil
	case actSkip:
		s.skip(c)
		return false, nil
	}
	out, err := s.eng.Record(c, ans, res, rating, s.cram, took)
	if err != nil {
		return true, fmt.Errorf("recording card %s: %w", c.ID, err)
	}
	s.sum.Answered++
	s.sum.ScoreSum += out.Attempt.Score
	if s.cram {
		s.out.line("Recorded (cram: schedule unchanged).")
	} else {
		s.out.line("Recorded.")
	}
	s.recorded(graded, out)
	if out.Completed != nil {
		s.sum.Completed = append(s.sum.Completed, out.Completed)
		s.out.line("Step done: %s [%s]", safe.Text(out.Completed.Title), safe.Text(out.Completed.ID))
	}
	if out.Opened != nil {
		s.sum.Opened = append(s.sum.Opened, out.Opened)
		s.out.line("Step open: %s [%s]", safe.Text(out.Opened.Title), safe.Text(out.Opened.ID))
	}
	return false, nil
}

func (s *session) skip(c *playbook.Card) {
	s.sum.Skipped++
	s.out.line("Skipped %s.", safe.Text(c.ID))
}

// rating reads the rep's rating; Enter takes the suggested one.
func (s *session) rating(c *playbook.Card, suggested playbook.Rating) (playbook.Rating, action) {
	if !suggested.Valid() {
		suggested = playbook.Again
	}
	prompt := fmt.Sprintf("Rating [1-4, Enter=%d]:", suggested)
	for {
		line, act := s.ask(c, prompt)
		if act != actInput {
			return 0, act
		}
		switch strings.TrimSpace(line) {
		case "":
			return suggested, actInput
		case "1", "2", "3", "4":
			return playbook.Rating(line[0] - '0'), actInput
		}
		s.out.line("Please enter 1 (again), 2 (hard), 3 (good) or 4 (easy), or press Enter for %d.", suggested)
	}
}

// summary prints what the session did and what is due next.
func (s *session) summary() error {
	p, err := s.eng.Progress()
	if err != nil {
		return err
	}
	sum := s.sum
	s.out.line("")
	s.out.line("Summary")
	if sum.Skipped > 0 {
		s.out.line("Cards: %d answered, %d skipped", sum.Answered, sum.Skipped)
	} else {
		s.out.line("Cards: %d answered", sum.Answered)
	}
	if sum.Answered > 0 {
		s.out.line("Mean score: %s", percent(sum.MeanScore()))
	} else {
		s.out.line("Mean score: -")
	}
	if len(sum.Completed) == 0 {
		s.out.line("Steps completed: 0")
	} else {
		ids := make([]string, len(sum.Completed))
		for i, st := range sum.Completed {
			ids[i] = safe.Text(st.ID)
		}
		s.out.line("Steps completed: %d (%s)", len(ids), strings.Join(ids, ", "))
	}
	if sum.Disputed > 0 {
		s.out.line("Disputed: %s, for a manager to review", words.Count(sum.Disputed, "answer"))
	}
	s.out.line("Due next: %s", dueNext(p, s.eng.Now().Location()))
	return nil
}

// dueNext says what waits for the rep after the session.
func dueNext(p drill.Progress, loc *time.Location) string {
	var parts []string
	if p.Due > 0 {
		parts = append(parts, words.Count(p.Due, "card")+" due now")
	}
	if p.New > 0 {
		parts = append(parts, words.Count(p.New, "new card")+" waiting")
	}
	if !p.NextDue.IsZero() {
		parts = append(parts, "next review "+p.NextDue.In(loc).Format("2006-01-02 15:04"))
	}
	if len(parts) == 0 {
		return "nothing scheduled"
	}
	return strings.Join(parts, "; ")
}

func percent(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }

// action is what a line of input asks for.
type action int

const (
	actInput action = iota // a line to use
	actSkip                // :skip
	actQuit                // :q or end of input
)

// ask prints prompt and reads one line, handling the commands: :flag
// leaves feedback on c and asks again.
func (s *session) ask(c *playbook.Card, prompt string) (string, action) {
	for {
		s.out.line("%s", prompt)
		if s.out.err != nil {
			return "", actQuit
		}
		line, ok := s.in.readLine()
		if !ok {
			return "", actQuit
		}
		if s.in.tooLong {
			s.out.line("That line is longer than the %d MB an answer may be and was not read; write a shorter one.", playbook.MaxResponse>>20)
			continue
		}
		cmd := strings.TrimSpace(line)
		switch {
		case cmd == ":q":
			return "", actQuit
		case cmd == ":skip":
			return "", actSkip
		case cmd == ":flag" || strings.HasPrefix(cmd, ":flag "):
			s.flag(c, strings.TrimPrefix(cmd, ":flag"))
			continue
		case cmd == ":dispute":
			s.dispute()
			continue
		case looksLikeCommand(cmd):
			s.out.line("Unknown command %s. Commands: :skip, :flag TEXT, :dispute, :q.", safe.Text(strings.Fields(cmd)[0]))
			continue
		}
		return line, actInput
	}
}

// looksLikeCommand reports whether a line is a mistyped command (":quit",
// ":s") rather than an answer: a colon, then letters only up to the first
// space.
func looksLikeCommand(line string) bool {
	word, _, _ := strings.Cut(line, " ")
	if len(word) < 2 || word[0] != ':' {
		return false
	}
	for _, r := range word[1:] {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

func (s *session) flag(c *playbook.Card, text string) {
	err := s.eng.Feedback(c, text)
	switch {
	case err == nil:
		s.out.line("Feedback saved on %s.", safe.Text(c.ID))
	case playbook.ErrorCode(err) == playbook.EInvalid:
		s.out.line("Feedback needs text: :flag TEXT")
	default:
		s.out.line("Feedback not saved: %s", safe.Text(err.Error()))
	}
}

// printer writes lines, keeping the first write error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) line(format string, args ...any) {
	if p.err != nil {
		return
	}
	_, p.err = fmt.Fprintf(p.w, format+"\n", args...)
}

// block prints untrusted multi-line text, each line with indent.
func (p *printer) block(text, indent string) {
	text = strings.TrimRight(safe.Text(text), "\n")
	if text == "" {
		return
	}
	for _, l := range strings.Split(text, "\n") {
		p.line("%s%s", indent, strings.TrimRight(l, " \t\r"))
	}
}

// lineReader reads lines of any length; the last line needs no newline.
type lineReader struct {
	r   *bufio.Reader
	eof bool
	// tooLong is set when the last line was longer than maxLine and was
	// skipped instead of read.
	tooLong bool
}

// maxLine bounds one line of input: an answer the store can record, with
// room for the line's end. Input with no end of line, such as a stream of
// zeros, is read no further than this.
const maxLine = playbook.MaxResponse + 2

func newLineReader(r io.Reader) *lineReader {
	if r == nil {
		return &lineReader{eof: true}
	}
	return &lineReader{r: bufio.NewReader(r)}
}

func (l *lineReader) readLine() (string, bool) {
	l.tooLong = false
	if l.eof {
		return "", false
	}
	var b []byte
	skipped := 0
	for {
		chunk, err := l.r.ReadSlice('\n')
		if len(b)+len(chunk) <= maxLine && !l.tooLong {
			b = append(b, chunk...)
		} else {
			l.tooLong = true
			skipped += len(chunk)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			if skipped > 8*maxLine {
				// No end of line in sight: this is no typed input.
				l.eof = true
				return "", false
			}
			continue
		}
		if err != nil {
			l.eof = true
			if !errors.Is(err, io.EOF) || (len(b) == 0 && !l.tooLong) {
				return "", false
			}
		}
		break
	}
	if l.tooLong {
		return "", true
	}
	return strings.TrimRight(string(b), "\r\n"), true
}
