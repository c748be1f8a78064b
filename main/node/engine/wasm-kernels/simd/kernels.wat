;; Netloom's hand-written WebAssembly SIMD kernels for the wasm backend's training step.
;; The module imports tfjs-backend-wasm's own memory, so it reads and writes tensors where they
;; live: every pointer argument is a byte offset into that heap (a tensor's memoryOffset). It
;; owns no memory and keeps no state. Built into simd-bytes.ts by `npm run build:wasm`.
;;
;; Semantics are those of app/compiler/tfjs/custom/bias-act-grad.ts and pool-grad.ts's JS
;; versions, which the tests compare against (and against tfjs's cpu backend).
(module
  (import "env" "memory" (memory 1))

  ;; dz[i] = y[i] > 0 ? dy[i] : 0 for i < n (the ReLU's gradient mask). Four lanes at a time.
  (func (export "relu_mask") (param $dy i32) (param $y i32) (param $dz i32) (param $n i32)
    (local $end i32) (local $zero v128)
    (local.set $zero (f32x4.splat (f32.const 0)))
    ;; byte offset where the vector loop stops: n rounded down to 4 floats
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $end (i32.add (local.get $dy) (local.get $end)))
    (block $done
      (loop $vec
        (br_if $done (i32.ge_u (local.get $dy) (local.get $end)))
        (v128.store (local.get $dz)
          (v128.and (v128.load (local.get $dy))
                    (f32x4.gt (v128.load (local.get $y)) (local.get $zero))))
        (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $dz (i32.add (local.get $dz) (i32.const 16)))
        (br $vec)))
    ;; the last n mod 4 values
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 2)))
    (local.set $end (i32.add (local.get $dy) (local.get $end)))
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $dy) (local.get $end)))
        (f32.store (local.get $dz)
          (select (f32.load (local.get $dy)) (f32.const 0)
                  (f32.gt (f32.load (local.get $y)) (f32.const 0))))
        (local.set $dy (i32.add (local.get $dy) (i32.const 4)))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (local.set $dz (i32.add (local.get $dz) (i32.const 4)))
        (br $tail))))

  ;; acc[j] += sum over blocks k of src[k * period + j], j < period, in double precision.
  ;; src holds n floats, n a multiple of period, period a multiple of 4; acc is `period`
  ;; doubles (the caller zeroes it, and folds lane j into channel j mod c afterwards).
  (func (export "block_sums") (param $src i32) (param $acc i32) (param $n i32) (param $period i32)
    (local $end i32) (local $j i32) (local $v v128) (local $a i32)
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $j (i32.const 0))
        (local.set $a (local.get $acc))
        (block $row_done
          (loop $row
            (br_if $row_done (i32.ge_u (local.get $j) (local.get $period)))
            (local.set $v (v128.load (local.get $src)))
            ;; lanes 0, 1 and lanes 2, 3 widened to two f64x2 and added to acc[j .. j + 3]
            (v128.store (local.get $a)
              (f64x2.add (v128.load (local.get $a)) (f64x2.promote_low_f32x4 (local.get $v))))
            (v128.store offset=16 (local.get $a)
              (f64x2.add (v128.load offset=16 (local.get $a))
                (f64x2.promote_low_f32x4
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))
            (local.set $src (i32.add (local.get $src) (i32.const 16)))
            (local.set $a (i32.add (local.get $a) (i32.const 32)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $row)))
        (br $blocks))))

  ;; MaxPool2d(2, stride 2) backward for NHWC x of rows = n * h / 2 row pairs, w = 2 * ow
  ;; columns, c channels (h and w even): each window's gradient goes to its first maximum in
  ;; row-major order, the other three get 0, so every dx value is written exactly once.
  (func (export "maxpool2x2_grad") (param $x i32) (param $dy i32) (param $dx i32)
        (param $rows i32) (param $ow i32) (param $c i32)
    (local $r i32) (local $q i32) (local $ch i32)
    (local $rowBytes i32) (local $cb i32) (local $cvec i32)
    (local $pa i32) (local $pb i32) (local $pc i32) (local $pd i32) (local $g i32)
    (local $a v128) (local $b v128) (local $cc v128) (local $d v128)
    (local $t1 v128) (local $t2 v128) (local $t3 v128) (local $gv v128)
    (local $fa f32) (local $fb f32) (local $fc f32) (local $fd f32) (local $fg f32)
    (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local.set $cb (i32.shl (local.get $c) (i32.const 2)))                 ;; c floats in bytes
    (local.set $rowBytes (i32.mul (local.get $cb) (i32.shl (local.get $ow) (i32.const 1)))) ;; w * c * 4
    (local.set $cvec (i32.and (local.get $c) (i32.const -4)))             ;; channels done 4 at a time
    (local.set $g (local.get $dy))
    (local.set $r (i32.const 0))
    (block $rows_done
      (loop $rows_loop
        (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
        ;; window row pair r: input rows 2r and 2r + 1
        (local.set $pa (i32.add (local.get $x) (i32.mul (local.get $r) (i32.shl (local.get $rowBytes) (i32.const 1)))))
        (local.set $q (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $q) (local.get $ow)))
            (local.set $pb (i32.add (local.get $pa) (local.get $cb)))
            (local.set $pc (i32.add (local.get $pa) (local.get $rowBytes)))
            (local.set $pd (i32.add (local.get $pc) (local.get $cb)))
            (local.set $ch (i32.const 0))
            (block $vec_done
              (loop $vec
                (br_if $vec_done (i32.ge_u (local.get $ch) (local.get $cvec)))
                (local.set $a (v128.load (local.get $pa)))
                (local.set $b (v128.load (local.get $pb)))
                (local.set $cc (v128.load (local.get $pc)))
                (local.set $d (v128.load (local.get $pd)))
                (local.set $gv (v128.load (local.get $g)))
                (local.set $t1 (f32x4.gt (local.get $b) (local.get $a)))   ;; right beats left (top)
                (local.set $t2 (f32x4.gt (local.get $d) (local.get $cc)))  ;; right beats left (bottom)
                ;; bottom's max beats top's max
                (local.set $t3 (f32x4.gt
                  (v128.bitselect (local.get $d) (local.get $cc) (local.get $t2))
                  (v128.bitselect (local.get $b) (local.get $a) (local.get $t1))))
                (v128.store (i32.add (local.get $dx) (i32.sub (local.get $pa) (local.get $x)))
                  (v128.andnot (v128.andnot (local.get $gv) (local.get $t1)) (local.get $t3)))
                (v128.store (i32.add (local.get $dx) (i32.sub (local.get $pb) (local.get $x)))
                  (v128.andnot (v128.and (local.get $gv) (local.get $t1)) (local.get $t3)))
                (v128.store (i32.add (local.get $dx) (i32.sub (local.get $pc) (local.get $x)))
                  (v128.and (v128.andnot (local.get $gv) (local.get $t2)) (local.get $t3)))
                (v128.store (i32.add (local.get $dx) (i32.sub (local.get $pd) (local.get $x)))
                  (v128.and (v128.and (local.get $gv) (local.get $t2)) (local.get $t3)))
                (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
                (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
                (local.set $pc (i32.add (local.get $pc) (i32.const 16)))
                (local.set $pd (i32.add (local.get $pd) (i32.const 16)))
                (local.set $g (i32.add (local.get $g) (i32.const 16)))
                (local.set $ch (i32.add (local.get $ch) (i32.const 4)))
                (br $vec)))
            (block $tail_done
              (loop $tail
                (br_if $tail_done (i32.ge_u (local.get $ch) (local.get $c)))
                (local.set $fa (f32.load (local.get $pa)))
                (local.set $fb (f32.load (local.get $pb)))
                (local.set $fc (f32.load (local.get $pc)))
                (local.set $fd (f32.load (local.get $pd)))
                (local.set $fg (f32.load (local.get $g)))
                (local.set $s1 (f32.gt (local.get $fb) (local.get $fa)))
                (local.set $s2 (f32.gt (local.get $fd) (local.get $fc)))
                (local.set $s3 (f32.gt
                  (select (local.get $fd) (local.get $fc) (local.get $s2))
                  (select (local.get $fb) (local.get $fa) (local.get $s1))))
                (f32.store (i32.add (local.get $dx) (i32.sub (local.get $pa) (local.get $x)))
                  (select (f32.const 0) (local.get $fg) (i32.or (local.get $s1) (local.get $s3))))
                (f32.store (i32.add (local.get $dx) (i32.sub (local.get $pb) (local.get $x)))
                  (select (local.get $fg) (f32.const 0) (i32.and (local.get $s1) (i32.eqz (local.get $s3)))))
                (f32.store (i32.add (local.get $dx) (i32.sub (local.get $pc) (local.get $x)))
                  (select (local.get $fg) (f32.const 0) (i32.and (i32.eqz (local.get $s2)) (local.get $s3))))
                (f32.store (i32.add (local.get $dx) (i32.sub (local.get $pd) (local.get $x)))
                  (select (local.get $fg) (f32.const 0) (i32.and (local.get $s2) (local.get $s3))))
                (local.set $pa (i32.add (local.get $pa) (i32.const 4)))
                (local.set $pb (i32.add (local.get $pb) (i32.const 4)))
                (local.set $pc (i32.add (local.get $pc) (i32.const 4)))
                (local.set $pd (i32.add (local.get $pd) (i32.const 4)))
                (local.set $g (i32.add (local.get $g) (i32.const 4)))
                (local.set $ch (i32.add (local.get $ch) (i32.const 1)))
                (br $tail)))
            ;; next window: skip the right-hand pixel's channels (pa now points at it)
            (local.set $pa (i32.add (local.get $pa) (local.get $cb)))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $cols)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows_loop))))
)
