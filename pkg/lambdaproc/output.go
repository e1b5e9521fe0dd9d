package lambdaproc

import (
	"bytes"
	"context"
	"log/slog"
	"sync"
)

// lineLogger writes a process's output to a logger, one record per line.
type lineLogger struct {
	logger *slog.Logger
	mu     sync.Mutex
	buf    []byte
}

func (l *lineLogger) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	for {
		i := bytes.IndexByte(l.buf, '\n')
		if i < 0 {
			break
		}
		l.logger.LogAttrs(context.Background(), slog.LevelInfo, "function output", slog.String("line", string(l.buf[:i])))
		l.buf = l.buf[i+1:]
	}
	return len(p), nil
}
