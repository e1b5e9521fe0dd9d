package vtl

// mapArena hands out the maps of one render's JSON objects from storage
// that the render state keeps for later renders, so decoding a body does
// not allocate a map per object. This is safe because no engine value
// outlives its render: Render returns text, Env.Overrides holds copied
// strings, and errors carry formatted messages, never values; release
// (through reset) clears the maps before the state is pooled.
type mapArena struct {
	chunks [][]vmap // each chunk holds mapChunk maps
	used   int      // maps handed out in this render
}

// Arena sizing: maps per chunk, and chunks kept across renders (bigger
// arenas are trimmed back so a pooled state stays small).
const (
	mapChunk       = 8
	maxArenaChunks = 4
)

// newMap returns an empty map from the arena.
func (a *mapArena) newMap() *vmap {
	c, i := a.used/mapChunk, a.used%mapChunk
	if c == len(a.chunks) {
		a.chunks = append(a.chunks, make([]vmap, mapChunk))
	}
	a.used++
	m := &a.chunks[c][i]
	m.keys, m.vals = m.keyBuf[:0], m.valBuf[:0]
	return m
}

// reset clears the maps handed out, dropping their contents, and makes
// them available again.
func (a *mapArena) reset() {
	for n, c := 0, 0; n < a.used; c++ {
		k := min(a.used-n, mapChunk)
		clear(a.chunks[c][:k])
		n += k
	}
	a.used = 0
	if len(a.chunks) > maxArenaChunks {
		clear(a.chunks[maxArenaChunks:])
		a.chunks = a.chunks[:maxArenaChunks]
	}
}
