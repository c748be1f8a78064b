;; The data-parallel exchange's reduction (main/node/engine/exchange.ts), in WebAssembly with SIMD.
;; The module imports the exchange's own shared memory (the buffer every replica's slot and the
;; result live in), so every pointer argument is a byte offset into it. Built into
;; exchange-bytes.ts by `npm run build:wasm`.
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; out[i] = (sum over r < k with w_r != 0 of w_r * slot_r[i]) * inv for i < n, in double
  ;; precision, summed in rank order from -0 (so exactly what exchange.ts's reduceInto computes):
  ;; out, slots: float32 arrays (slot r at slots + r * stride bytes); weights: k float64 values.
  ;; A replica with weight 0 had no samples: its slot is not read (it may hold anything).
  (func (export "weighted_mean")
    (param $out i32) (param $slots i32) (param $stride i32) (param $weights i32) (param $k i32)
    (param $inv f64) (param $n i32)
    (local $i i32) (local $r i32) (local $w f64) (local $v v128) (local $wv v128)
    (local $lo v128) (local $hi v128) (local $invv v128) (local $n4 i32) (local $acc f64) (local $src i32)
    (local.set $invv (f64x2.splat (local.get $inv)))
    (local.set $n4 (i32.and (local.get $n) (i32.const -4)))
    (block $vdone
      (loop $vec
        (br_if $vdone (i32.ge_u (local.get $i) (local.get $n4)))
        (local.set $lo (v128.const f64x2 -0 -0))
        (local.set $hi (v128.const f64x2 -0 -0))
        (local.set $src (i32.add (local.get $slots) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $r (i32.const 0))
        (block $rdone
          (loop $rank
            (br_if $rdone (i32.ge_u (local.get $r) (local.get $k)))
            (local.set $w (f64.load (i32.add (local.get $weights) (i32.shl (local.get $r) (i32.const 3)))))
            (if (f64.ne (local.get $w) (f64.const 0))
              (then
                (local.set $wv (f64x2.splat (local.get $w)))
                (local.set $v (v128.load (local.get $src)))
                (local.set $lo (f64x2.add (local.get $lo)
                  (f64x2.mul (local.get $wv) (f64x2.promote_low_f32x4 (local.get $v)))))
                (local.set $hi (f64x2.add (local.get $hi)
                  (f64x2.mul (local.get $wv) (f64x2.promote_low_f32x4
                    (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))))))
            (local.set $src (i32.add (local.get $src) (local.get $stride)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $rank)))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2)))
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            (f32x4.demote_f64x2_zero (f64x2.mul (local.get $lo) (local.get $invv)))
            (f32x4.demote_f64x2_zero (f64x2.mul (local.get $hi) (local.get $invv)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $vec)))
    ;; The last n % 4 elements, one at a time.
    (block $tdone
      (loop $tail
        (br_if $tdone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (f64.const -0))
        (local.set $src (i32.add (local.get $slots) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $r (i32.const 0))
        (block $trdone
          (loop $trank
            (br_if $trdone (i32.ge_u (local.get $r) (local.get $k)))
            (local.set $w (f64.load (i32.add (local.get $weights) (i32.shl (local.get $r) (i32.const 3)))))
            (if (f64.ne (local.get $w) (f64.const 0))
              (then
                (local.set $acc (f64.add (local.get $acc)
                  (f64.mul (local.get $w) (f64.promote_f32 (f32.load (local.get $src))))))))
            (local.set $src (i32.add (local.get $src) (local.get $stride)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $trank)))
        (f32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2)))
          (f32.demote_f64 (f64.mul (local.get $acc) (local.get $inv))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail))))

  ;; The sharded SGD step (exchange.ts, updateShared) over n parameters: g = the weighted mean of
  ;; the slots, as weighted_mean computes it (its loop written out again here: a call per four
  ;; values cost V8's code half the reduction's speed), then torch.optim.SGD's update in float32, the same
  ;; operations in the same order as kernels.wat's sgd_step (what one replica's optimizer runs), on
  ;; the master parameters p and the momentum buffer buf in place (buf unread when first):
  ;;   d = g + wd * p;  b = first ? d : mom * buf + (1 - damp) * d;  d = nesterov ? d + mom * b : b;
  ;;   p = p - lr * d   (b and its lines only with momentum).
  (func (export "mean_sgd_step")
    (param $p i32) (param $buf i32) (param $slots i32) (param $stride i32) (param $weights i32) (param $k i32)
    (param $inv f64) (param $n i32)
    (param $lr f32) (param $wd f32) (param $mom f32) (param $damp f32) (param $nesterov i32) (param $first i32)
    (local $i i32) (local $o i32) (local $r i32) (local $w f64) (local $v v128) (local $wv v128)
    (local $lo v128) (local $hi v128) (local $invv v128) (local $n4 i32) (local $acc f64) (local $src i32)
    (local $d v128) (local $b v128) (local $vlr v128) (local $vwd v128) (local $vmom v128) (local $vkeep v128)
    (local $fd f32) (local $fb f32)
    (local.set $invv (f64x2.splat (local.get $inv)))
    (local.set $n4 (i32.and (local.get $n) (i32.const -4)))
    (local.set $vlr (f32x4.splat (local.get $lr)))
    (local.set $vwd (f32x4.splat (local.get $wd)))
    (local.set $vmom (f32x4.splat (local.get $mom)))
    (local.set $vkeep (f32x4.splat (f32.sub (f32.const 1) (local.get $damp))))
    (block $vdone
      (loop $vec
        (br_if $vdone (i32.ge_u (local.get $i) (local.get $n4)))
        (local.set $o (i32.shl (local.get $i) (i32.const 2)))
        ;; d = the mean of four values, weighted_mean's loop body
        (local.set $lo (v128.const f64x2 -0 -0))
        (local.set $hi (v128.const f64x2 -0 -0))
        (local.set $src (i32.add (local.get $slots) (local.get $o)))
        (local.set $r (i32.const 0))
        (block $rdone
          (loop $rank
            (br_if $rdone (i32.ge_u (local.get $r) (local.get $k)))
            (local.set $w (f64.load (i32.add (local.get $weights) (i32.shl (local.get $r) (i32.const 3)))))
            (if (f64.ne (local.get $w) (f64.const 0))
              (then
                (local.set $wv (f64x2.splat (local.get $w)))
                (local.set $v (v128.load (local.get $src)))
                (local.set $lo (f64x2.add (local.get $lo)
                  (f64x2.mul (local.get $wv) (f64x2.promote_low_f32x4 (local.get $v)))))
                (local.set $hi (f64x2.add (local.get $hi)
                  (f64x2.mul (local.get $wv) (f64x2.promote_low_f32x4
                    (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))))))
            (local.set $src (i32.add (local.get $src) (local.get $stride)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $rank)))
        (local.set $d (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (f32x4.demote_f64x2_zero (f64x2.mul (local.get $lo) (local.get $invv)))
          (f32x4.demote_f64x2_zero (f64x2.mul (local.get $hi) (local.get $invv)))))
        ;; sgd_step's body
        (if (f32.ne (local.get $wd) (f32.const 0)) (then
          (local.set $d (f32x4.add (local.get $d)
            (f32x4.mul (local.get $vwd) (v128.load (i32.add (local.get $p) (local.get $o))))))))
        (if (f32.ne (local.get $mom) (f32.const 0)) (then
          (if (local.get $first)
            (then (local.set $b (local.get $d)))
            (else (local.set $b (f32x4.add
              (f32x4.mul (local.get $vmom) (v128.load (i32.add (local.get $buf) (local.get $o))))
              (f32x4.mul (local.get $vkeep) (local.get $d))))))
          (v128.store (i32.add (local.get $buf) (local.get $o)) (local.get $b))
          (if (local.get $nesterov)
            (then (local.set $d (f32x4.add (local.get $d) (f32x4.mul (local.get $vmom) (local.get $b)))))
            (else (local.set $d (local.get $b))))))
        (v128.store (i32.add (local.get $p) (local.get $o))
          (f32x4.sub (v128.load (i32.add (local.get $p) (local.get $o))) (f32x4.mul (local.get $vlr) (local.get $d))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $vec)))
    ;; The last n % 4 parameters, one at a time.
    (block $tdone
      (loop $tail
        (br_if $tdone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $o (i32.shl (local.get $i) (i32.const 2)))
        (local.set $acc (f64.const -0))
        (local.set $src (i32.add (local.get $slots) (local.get $o)))
        (local.set $r (i32.const 0))
        (block $trdone
          (loop $trank
            (br_if $trdone (i32.ge_u (local.get $r) (local.get $k)))
            (local.set $w (f64.load (i32.add (local.get $weights) (i32.shl (local.get $r) (i32.const 3)))))
            (if (f64.ne (local.get $w) (f64.const 0))
              (then
                (local.set $acc (f64.add (local.get $acc)
                  (f64.mul (local.get $w) (f64.promote_f32 (f32.load (local.get $src))))))))
            (local.set $src (i32.add (local.get $src) (local.get $stride)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $trank)))
        (local.set $fd (f32.demote_f64 (f64.mul (local.get $acc) (local.get $inv))))
        (if (f32.ne (local.get $wd) (f32.const 0)) (then
          (local.set $fd (f32.add (local.get $fd)
            (f32.mul (local.get $wd) (f32.load (i32.add (local.get $p) (local.get $o))))))))
        (if (f32.ne (local.get $mom) (f32.const 0)) (then
          (if (local.get $first)
            (then (local.set $fb (local.get $fd)))
            (else (local.set $fb (f32.add
              (f32.mul (local.get $mom) (f32.load (i32.add (local.get $buf) (local.get $o))))
              (f32.mul (f32.sub (f32.const 1) (local.get $damp)) (local.get $fd))))))
          (f32.store (i32.add (local.get $buf) (local.get $o)) (local.get $fb))
          (if (local.get $nesterov)
            (then (local.set $fd (f32.add (local.get $fd) (f32.mul (local.get $mom) (local.get $fb)))))
            (else (local.set $fd (local.get $fb))))))
        (f32.store (i32.add (local.get $p) (local.get $o))
          (f32.sub (f32.load (i32.add (local.get $p) (local.get $o))) (f32.mul (local.get $lr) (local.get $fd))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail)))))
