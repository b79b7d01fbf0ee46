package tui

import (
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/render"
)

// common is what every screen shares, held by pointer: the terminal's size
// and colours, the keys and help, the playbook and the rep's progress, the
// clock and the markdown cache. Screens read it and may set the status
// line; they never reach the root model.
type common struct {
	width, height int
	dark, noColor bool
	st            styles
	keys          globalKeys
	help          help.Model
	fullHelp      bool

	now   func() time.Time
	store playbook.Store
	book  *playbook.Playbook
	rep   string
	eng   engine
	// gen changes whenever the playbook or the rep changes; results asked
	// for under an older generation are dropped.
	gen int

	progress standing
	cache    renderCache
	// read holds the steps whose learn screen the rep has opened in this
	// run: a step never read nor drilled is shown before it is drilled.
	read map[string]bool
	// sessionSize is the most cards one session holds.
	sessionSize int

	status    string
	statusErr bool
	// push sends new answers to the LRS after a session, when on.
	push pusher
	// unchanged is set by a screen whose message changed nothing on
	// screen, so the last frame is drawn again as it was.
	unchanged bool
}

func newCommon(cfg Config, r markdownRenderer) *common {
	c := &common{
		width: 80, height: 24,
		dark:    true,
		noColor: cfg.NoColor,
		keys:    newGlobalKeys(),
		help:    help.New(),
		now:     cfg.Options.Now,
		store:   cfg.Store,
		book:    cfg.Book,
		cache:   newRenderCache(r),
		read:    map[string]bool{},
	}
	c.push.run = cfg.Push
	c.sessionSize = cfg.SessionSize
	if c.sessionSize <= 0 {
		c.sessionSize = drill.DefaultSessionSize
	}
	if c.now == nil {
		c.now = time.Now
	}
	c.restyle()
	return c
}

// restyle builds the styles for the current background and colour mode.
func (c *common) restyle() {
	c.st = newStyles(c.dark, c.noColor)
	if c.noColor {
		c.help.Styles = help.Styles{}
	} else {
		c.help.Styles = help.DefaultStyles(c.dark)
	}
}

func (c *common) setStatus(s string) { c.status, c.statusErr = s, false }
func (c *common) setError(s string)  { c.status, c.statusErr = s, true }

// renderStyle is the glamour style for the current background.
func (c *common) renderStyle() render.Style {
	switch {
	case c.noColor:
		return render.Plain
	case c.dark:
		return render.Dark
	default:
		return render.Light
	}
}

// requestRender returns the command rendering src under id at width, or
// nil when it is cached or on its way.
func (c *common) requestRender(id, src string, width int) tea.Cmd {
	return c.cache.request(renderKey{id: id, width: width, style: c.renderStyle()}, src)
}

// renderedText returns the cached rendering of id at width.
func (c *common) renderedText(id string, width int) (string, bool) {
	return c.cache.get(renderKey{id: id, width: width, style: c.renderStyle()})
}

// helpView is the help line (or lines, with full help on) for km.
func (c *common) helpView(km help.KeyMap) string {
	if c.fullHelp {
		return c.help.FullHelpView(km.FullHelp())
	}
	return c.help.ShortHelpView(km.ShortHelp())
}

// bodyHeight is the height left for a screen's body under the frame when
// the screen's keys are km.
func (c *common) bodyHeight(km help.KeyMap) int {
	return max(c.height-2-1-lipgloss.Height(c.helpView(km)), 1)
}

// inputStyles are the text inputs' styles; their cursors do not blink: a
// steady cursor redraws nothing while the rep thinks.
func (c *common) inputStyles() textinput.Styles {
	s := textinput.DefaultStyles(c.dark)
	s.Cursor.Blink = false
	return s
}

func (c *common) areaStyles() textarea.Styles {
	s := textarea.DefaultStyles(c.dark)
	s.Cursor.Blink = false
	return s
}

// processTitle is the title of process id, or the id.
func (c *common) processTitle(id string) string {
	if c.book != nil {
		if p, ok := c.book.Process(id); ok {
			return p.Title
		}
	}
	return id
}

// opensWhen names the step a locked step waits for.
func (c *common) opensWhen(id string) string {
	var prev *playbook.Step
	for _, s := range c.book.Steps() {
		if s.ID == id {
			break
		}
		prev = s
	}
	if prev == nil {
		return "when the step before it is done"
	}
	return "when “" + cleanLine(prev.Title) + "” is done"
}

// standing is the rep's progress as last loaded, indexed by step.
type standing struct {
	ok    bool
	all   drill.Progress
	steps map[string]drill.StepProgress
	// dueLater counts the cards that fall due later today.
	dueLater int
}

func (s *standing) set(p drill.Progress) {
	s.ok, s.all = true, p
	s.steps = make(map[string]drill.StepProgress, len(s.steps))
	for _, pp := range p.Processes {
		for _, sp := range pp.Steps {
			if sp.Step != nil {
				s.steps[sp.Step.ID] = sp
			}
		}
	}
}

func (s *standing) step(id string) (drill.StepProgress, bool) {
	sp, ok := s.steps[id]
	return sp, ok
}

// nextStep names the first step the rep has open and not done.
func (s *standing) nextStep() string {
	for _, pp := range s.all.Processes {
		for _, sp := range pp.Steps {
			if sp.Step != nil && (sp.Status == drill.StatusNew || sp.Status == drill.StatusInProgress || sp.Status == drill.StatusChanged) {
				return cleanLine(sp.Step.Title)
			}
		}
	}
	return ""
}

// renderCache holds rendered markdown per id, width and style, so View
// never renders; renderings are asked for in commands.
type renderCache struct {
	r       markdownRenderer
	done    map[renderKey]string
	pending map[renderKey]bool
}

func newRenderCache(r markdownRenderer) renderCache {
	return renderCache{r: r, done: map[renderKey]string{}, pending: map[renderKey]bool{}}
}

func (rc *renderCache) request(k renderKey, src string) tea.Cmd {
	if _, ok := rc.done[k]; ok || rc.pending[k] {
		return nil
	}
	rc.pending[k] = true
	return renderCmd(rc.r, k, src)
}

func (rc *renderCache) get(k renderKey) (string, bool) {
	s, ok := rc.done[k]
	return s, ok
}

// put stores a rendering and reports whether it was still wanted: one
// asked for before a reload is stale.
func (rc *renderCache) put(msg renderedMsg) bool {
	if !rc.pending[msg.key] {
		return false
	}
	delete(rc.pending, msg.key)
	rc.done[msg.key] = msg.out
	return true
}

func (rc *renderCache) clear() {
	clear(rc.done)
	clear(rc.pending)
}

// unreadStep names the first open step the rep has never drilled and has
// not read (its id), or "".
func (s *standing) unreadStep(read map[string]bool) string {
	for _, pp := range s.all.Processes {
		for _, sp := range pp.Steps {
			if sp.Step != nil && sp.Status == drill.StatusNew && !read[sp.Step.ID] {
				return sp.Step.ID
			}
		}
	}
	return ""
}
