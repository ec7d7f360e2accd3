;; The byte kernels of the file pass, in WebAssembly SIMD: they look at every byte of every file, and
;; in plain JavaScript each would stop at each byte (or run one native search per literal). Compiled
;; to src/kernel/scan-wasm.ts by scripts/build-kernel.mjs; see src/kernel/kernel.ts for the layout of
;; the memory, which the host creates and owns.
(module
  (import "env" "memory" (memory 1))

  ;; Where the candidate search finds its six nibble tables (16 bytes each: the low and high nibble
  ;; of fingerprint bytes 0, 1 and 2), a vector's worth of scratch, and the bitmap of fingerprint
  ;; hashes (2^16 bits) that tells a fingerprint from the other byte triples the tables let through.
  (global $TABLES i32 (i32.const 0))
  (global $LANES i32 (i32.const 96))
  (global $HASHES i32 (i32.const 1024))

  ;; The hash of the three bytes at `at` (see kernel.ts, which fills the bitmap with the same).
  (func $printHash (param $at i32) (result i32)
    (i32.shr_u
      (i32.mul (i32.and (i32.load (local.get $at)) (i32.const 0xffffff)) (i32.const 0x9e3779b1))
      (i32.const 16)))

  (func $isPrint (param $at i32) (result i32)
    (local $h i32)
    (local.set $h (call $printHash (local.get $at)))
    (i32.and
      (i32.load8_u (i32.add (global.get $HASHES) (i32.shr_u (local.get $h) (i32.const 3))))
      (i32.shl (i32.const 1) (i32.and (local.get $h) (i32.const 7)))))

  ;; Starts of a fingerprint (three bytes of a literal) in [from, limit), up to hash collisions: for
  ;; each, a u32 (address | bucket bits << 24) written from `out`. Bytes up to limit + 18 are read (the caller
  ;; leaves room). Returns the address after the last entry written; when that is `outEnd` the
  ;; search stopped early, and the caller resumes after the last entry.
  (func (export "candidates") (param $from i32) (param $limit i32) (param $out i32) (param $outEnd i32) (result i32)
    (local $i i32) (local $m v128) (local $bits i32) (local $lane i32) (local $at i32)
    (local $lo0 v128) (local $hi0 v128) (local $lo1 v128) (local $hi1 v128) (local $lo2 v128) (local $hi2 v128)
    (local $v v128) (local $low v128)
    (local.set $low (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15))
    (local.set $lo0 (v128.load offset=0 (global.get $TABLES)))
    (local.set $hi0 (v128.load offset=16 (global.get $TABLES)))
    (local.set $lo1 (v128.load offset=32 (global.get $TABLES)))
    (local.set $hi1 (v128.load offset=48 (global.get $TABLES)))
    (local.set $lo2 (v128.load offset=64 (global.get $TABLES)))
    (local.set $hi2 (v128.load offset=80 (global.get $TABLES)))
    (local.set $i (local.get $from))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $limit)))
        ;; Bucket bits of fingerprint bytes 0, 1 and 2 at 16 positions (a byte is in a bucket when both
        ;; its nibbles are), written out: a call per vector would cost as much as the work.
        (local.set $v (v128.load (local.get $i)))
        (local.set $m
          (v128.and
            (i8x16.swizzle (local.get $lo0) (v128.and (local.get $v) (local.get $low)))
            (i8x16.swizzle (local.get $hi0) (i8x16.shr_u (local.get $v) (i32.const 4)))))
        (local.set $v (v128.load offset=1 (local.get $i)))
        (local.set $m
          (v128.and (local.get $m)
            (v128.and
              (i8x16.swizzle (local.get $lo1) (v128.and (local.get $v) (local.get $low)))
              (i8x16.swizzle (local.get $hi1) (i8x16.shr_u (local.get $v) (i32.const 4))))))
        (local.set $v (v128.load offset=2 (local.get $i)))
        (local.set $m
          (v128.and (local.get $m)
            (v128.and
              (i8x16.swizzle (local.get $lo2) (v128.and (local.get $v) (local.get $low)))
              (i8x16.swizzle (local.get $hi2) (i8x16.shr_u (local.get $v) (i32.const 4))))))
        (if (v128.any_true (local.get $m))
          (then
            (v128.store (global.get $LANES) (local.get $m))
            (local.set $bits (i8x16.bitmask (i8x16.ne (local.get $m) (v128.const i64x2 0 0))))
            (loop $lanes
              (local.set $lane (i32.ctz (local.get $bits)))
              (local.set $at (i32.add (local.get $i) (local.get $lane)))
              (if (i32.ge_u (local.get $at) (local.get $limit)) (then (return (local.get $out))))
              (if (call $isPrint (local.get $at))
                (then
                  (if (i32.ge_u (local.get $out) (local.get $outEnd)) (then (return (local.get $out))))
                  (i32.store (local.get $out)
                    (i32.or (local.get $at)
                      (i32.shl (i32.load8_u (i32.add (global.get $LANES) (local.get $lane))) (i32.const 24))))
                  (local.set $out (i32.add (local.get $out) (i32.const 4)))))
              (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
              (br_if $lanes (local.get $bits)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $next)))
    (local.get $out))

  ;; Lanes set (all ones) in `mask`, added to the four 32-bit counters of `acc`.
  (func $tally (param $acc v128) (param $mask v128) (result v128)
    (i32x4.add (local.get $acc)
      (i32x4.extadd_pairwise_i16x8_u
        (i16x8.extadd_pairwise_i8x16_u
          (v128.and (local.get $mask) (v128.const i8x16 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1))))))

  (func $sum (param $acc v128) (result i32)
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
      (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))

  ;; How often `byte` occurs in [from, end). Matches are counted in byte lanes (a match is -1, so
  ;; subtracting adds one) and widened only every 255 vectors, before a lane can overflow: newlines
  ;; are counted over whole files, and widening at every vector cost four times the compare.
  (func (export "count") (param $from i32) (param $end i32) (param $byte i32) (result i32)
    (local $i i32) (local $needle v128) (local $lanes v128) (local $wide v128) (local $k i32) (local $n i32)
    (local.set $needle (i8x16.splat (local.get $byte)))
    (local.set $i (local.get $from))
    (block $done
      (loop $outer
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
        (local.set $lanes (v128.const i64x2 0 0))
        (local.set $k (i32.const 255))
        (block $full
          (loop $inner
            (br_if $full (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
            (local.set $lanes
              (i8x16.sub (local.get $lanes) (i8x16.eq (v128.load (local.get $i)) (local.get $needle))))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (local.set $k (i32.sub (local.get $k) (i32.const 1)))
            (br_if $inner (local.get $k))))
        (local.set $wide
          (i32x4.add (local.get $wide)
            (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $lanes)))))
        (br $outer)))
    (local.set $n (call $sum (local.get $wide)))
    (block $tail
      (loop $next
        (br_if $tail (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $n (i32.add (local.get $n) (i32.eq (i32.load8_u (local.get $i)) (local.get $byte))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $n))

  ;; Bytes in [from, end) that start a UTF-8 character (any but the continuation bytes 0x80-0xbf, which
  ;; are -128..-65 as signed bytes): the characters of valid UTF-8, for columns in megabyte lines.
  (func (export "chars") (param $from i32) (param $end i32) (result i32)
    (local $i i32) (local $acc v128) (local $n i32)
    (local.set $i (local.get $from))
    (block $done
      (loop $next
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
        (local.set $acc
          (call $tally (local.get $acc) (i8x16.gt_s (v128.load (local.get $i)) (i8x16.splat (i32.const -65)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $next)))
    (local.set $n (call $sum (local.get $acc)))
    (block $tail
      (loop $next
        (br_if $tail (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $n
          (i32.add (local.get $n) (i32.ne (i32.and (i32.load8_u (local.get $i)) (i32.const 0xc0)) (i32.const 0x80))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $n))

    ;; A control byte that does not occur in text: 0x00-0x08, 0x0e-0x1a, 0x1c-0x1f and 0x7f (tab,
  ;; newlines, form feed and escape do occur).
  (func $isControl (param $b i32) (result i32)
    (i32.or
      (i32.or (i32.lt_u (local.get $b) (i32.const 9))
              (i32.lt_u (i32.sub (local.get $b) (i32.const 0x0e)) (i32.const 13)))
      (i32.or (i32.lt_u (i32.sub (local.get $b) (i32.const 0x1c)) (i32.const 4))
              (i32.eq (local.get $b) (i32.const 0x7f)))))

  ;; Control bytes in [from, end), or -1 when one of them is a NUL: how a file is judged binary.
  (func (export "controls") (param $from i32) (param $end i32) (result i32)
    (local $i i32) (local $v v128) (local $acc v128) (local $nul v128) (local $n i32) (local $b i32)
    (local.set $i (local.get $from))
    (block $done
      (loop $next
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
        (local.set $v (v128.load (local.get $i)))
        (local.set $nul (v128.or (local.get $nul) (i8x16.eq (local.get $v) (v128.const i64x2 0 0))))
        (local.set $acc
          (call $tally (local.get $acc)
            (v128.or
              (v128.or
                (i8x16.lt_u (local.get $v) (i8x16.splat (i32.const 9)))
                (i8x16.lt_u (i8x16.sub (local.get $v) (i8x16.splat (i32.const 0x0e))) (i8x16.splat (i32.const 13))))
              (v128.or
                (i8x16.lt_u (i8x16.sub (local.get $v) (i8x16.splat (i32.const 0x1c))) (i8x16.splat (i32.const 4)))
                (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x7f)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $next)))
    (if (v128.any_true (local.get $nul)) (then (return (i32.const -1))))
    (local.set $n (call $sum (local.get $acc)))
    (block $tail
      (loop $next
        (br_if $tail (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $b (i32.load8_u (local.get $i)))
        (if (i32.eqz (local.get $b)) (then (return (i32.const -1))))
        (local.set $n (i32.add (local.get $n) (call $isControl (local.get $b))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $n))
)
