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
  ;; row-major order, the other three get 0, so every dx value is written exactly once (the last
  ;; vector of a pixel whose c is not a multiple of 4, c >= 4, overlaps the one before it and writes
  ;; the same values again: a 6-channel map took 3.7x an 8-channel one with a scalar rest).
  (func (export "maxpool2x2_grad") (param $x i32) (param $dy i32) (param $dx i32)
        (param $rows i32) (param $ow i32) (param $c i32)
    (local $r i32) (local $q i32) (local $ch i32)
    (local $rowBytes i32) (local $cb i32) (local $cvec i32)
    (local $pa i32) (local $pb i32) (local $pc i32) (local $pd i32) (local $g i32)
    (local $a v128) (local $b v128) (local $cc v128) (local $d v128)
    (local $t1 v128) (local $t2 v128) (local $t3 v128) (local $gv v128)
    (local $fa f32) (local $fb f32) (local $fc f32) (local $fd f32) (local $fg f32)
    (local $back i32)
    (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local.set $cb (i32.shl (local.get $c) (i32.const 2)))                 ;; c floats in bytes
    (local.set $rowBytes (i32.mul (local.get $cb) (i32.shl (local.get $ow) (i32.const 1)))) ;; w * c * 4
    ;; channels done 4 at a time: all of them when there are 4 or more (the last vector may overlap)
    (local.set $cvec (select (local.get $c) (i32.const 0) (i32.ge_u (local.get $c) (i32.const 4))))
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
                ;; fewer than 4 channels left: step back so that this vector ends at the pixel's end
                (if (i32.lt_u (i32.sub (local.get $cvec) (local.get $ch)) (i32.const 4))
                  (then
                    (local.set $back
                      (i32.shl (i32.sub (i32.const 4) (i32.sub (local.get $cvec) (local.get $ch))) (i32.const 2)))
                    (local.set $pa (i32.sub (local.get $pa) (local.get $back)))
                    (local.set $pb (i32.sub (local.get $pb) (local.get $back)))
                    (local.set $pc (i32.sub (local.get $pc) (local.get $back)))
                    (local.set $pd (i32.sub (local.get $pd) (local.get $back)))
                    (local.set $g (i32.sub (local.get $g) (local.get $back)))
                    (local.set $ch (i32.sub (local.get $cvec) (i32.const 4)))))
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

  ;; MaxPool backward for any window (kh x kw, strides sh, sw, top/left padding pt, pl; padding
  ;; takes no part) over NHWC x [n, h, w, c] and dy [n, oh, ow, c]: each window's gradient is added
  ;; to its first maximum in row-major window order (strictly greater replaces), as tfjs's cpu
  ;; backend does; a window without a number greater than -inf adds nothing. dx must be zeroed.
  ;; Four channels at a time (the maximum's byte address kept per lane), then the c mod 4 rest.
  (func (export "maxpool_grad") (param $x i32) (param $dy i32) (param $dx i32)
        (param $n i32) (param $h i32) (param $w i32) (param $c i32) (param $oh i32) (param $ow i32)
        (param $kh i32) (param $kw i32) (param $sh i32) (param $sw i32) (param $pt i32) (param $pl i32)
    (local $b i32) (local $oy i32) (local $ox i32) (local $i i32) (local $j i32)
    (local $i0 i32) (local $i1 i32) (local $j0 i32) (local $j1 i32)
    (local $cb i32) (local $rowB i32) (local $xb i32) (local $chb i32) (local $vecB i32)
    (local $pr i32) (local $p i32) (local $g i32) (local $a i32)
    (local $best v128) (local $idx v128) (local $v v128) (local $m v128) (local $gv v128) (local $lanes v128)
    (local $fb f32) (local $fv f32) (local $ia i32)
    (local.set $cb (i32.shl (local.get $c) (i32.const 2)))                  ;; bytes per pixel
    (local.set $rowB (i32.mul (local.get $cb) (local.get $w)))              ;; bytes per input row
    (local.set $vecB (i32.shl (i32.and (local.get $c) (i32.const -4)) (i32.const 2)))
    (local.set $lanes (v128.const i32x4 0 4 8 12))
    (local.set $g (local.get $dy))
    (local.set $xb (local.get $x))
    (local.set $b (i32.const 0))
    (block $b_done
      (loop $b_loop
        (br_if $b_done (i32.ge_u (local.get $b) (local.get $n)))
        (local.set $oy (i32.const 0))
        (block $oy_done
          (loop $oy_loop
            (br_if $oy_done (i32.ge_u (local.get $oy) (local.get $oh)))
            ;; window rows i0 .. i1 (clipped to the input)
            (local.set $i0 (i32.sub (i32.mul (local.get $oy) (local.get $sh)) (local.get $pt)))
            (local.set $i1 (i32.add (local.get $i0) (local.get $kh)))
            (if (i32.lt_s (local.get $i0) (i32.const 0)) (then (local.set $i0 (i32.const 0))))
            (if (i32.gt_s (local.get $i1) (local.get $h)) (then (local.set $i1 (local.get $h))))
            (local.set $ox (i32.const 0))
            (block $ox_done
              (loop $ox_loop
                (br_if $ox_done (i32.ge_u (local.get $ox) (local.get $ow)))
                (local.set $j0 (i32.sub (i32.mul (local.get $ox) (local.get $sw)) (local.get $pl)))
                (local.set $j1 (i32.add (local.get $j0) (local.get $kw)))
                (if (i32.lt_s (local.get $j0) (i32.const 0)) (then (local.set $j0 (i32.const 0))))
                (if (i32.gt_s (local.get $j1) (local.get $w)) (then (local.set $j1 (local.get $w))))
                (local.set $chb (i32.const 0))
                (block $vec_done
                  (loop $vec
                    (br_if $vec_done (i32.ge_u (local.get $chb) (local.get $vecB)))
                    (local.set $best (f32x4.splat (f32.const -inf)))
                    (local.set $idx (i32x4.splat (i32.const -1)))
                    (local.set $i (local.get $i0))
                    (block $i_done
                      (loop $i_loop
                        (br_if $i_done (i32.ge_s (local.get $i) (local.get $i1)))
                        (local.set $pr (i32.add (i32.add (local.get $xb) (local.get $chb))
                                                (i32.mul (local.get $i) (local.get $rowB))))
                        (local.set $j (local.get $j0))
                        (local.set $p (i32.add (local.get $pr) (i32.mul (local.get $j) (local.get $cb))))
                        (block $j_done
                          (loop $j_loop
                            (br_if $j_done (i32.ge_s (local.get $j) (local.get $j1)))
                            (local.set $v (v128.load (local.get $p)))
                            (local.set $m (f32x4.gt (local.get $v) (local.get $best)))
                            (local.set $best (v128.bitselect (local.get $v) (local.get $best) (local.get $m)))
                            (local.set $idx (v128.bitselect
                              (i32x4.add (i32x4.splat (local.get $p)) (local.get $lanes))
                              (local.get $idx) (local.get $m)))
                            (local.set $p (i32.add (local.get $p) (local.get $cb)))
                            (local.set $j (i32.add (local.get $j) (i32.const 1)))
                            (br $j_loop)))
                        (local.set $i (i32.add (local.get $i) (i32.const 1)))
                        (br $i_loop)))
                    ;; scatter the four lanes' gradients to their maxima
                    (local.set $gv (v128.load (local.get $g)))
                    (local.set $a (i32x4.extract_lane 0 (local.get $idx)))
                    (if (i32.ne (local.get $a) (i32.const -1))
                      (then (local.set $a (i32.add (local.get $dx) (i32.sub (local.get $a) (local.get $x))))
                            (f32.store (local.get $a) (f32.add (f32.load (local.get $a)) (f32x4.extract_lane 0 (local.get $gv))))))
                    (local.set $a (i32x4.extract_lane 1 (local.get $idx)))
                    (if (i32.ne (local.get $a) (i32.const -1))
                      (then (local.set $a (i32.add (local.get $dx) (i32.sub (local.get $a) (local.get $x))))
                            (f32.store (local.get $a) (f32.add (f32.load (local.get $a)) (f32x4.extract_lane 1 (local.get $gv))))))
                    (local.set $a (i32x4.extract_lane 2 (local.get $idx)))
                    (if (i32.ne (local.get $a) (i32.const -1))
                      (then (local.set $a (i32.add (local.get $dx) (i32.sub (local.get $a) (local.get $x))))
                            (f32.store (local.get $a) (f32.add (f32.load (local.get $a)) (f32x4.extract_lane 2 (local.get $gv))))))
                    (local.set $a (i32x4.extract_lane 3 (local.get $idx)))
                    (if (i32.ne (local.get $a) (i32.const -1))
                      (then (local.set $a (i32.add (local.get $dx) (i32.sub (local.get $a) (local.get $x))))
                            (f32.store (local.get $a) (f32.add (f32.load (local.get $a)) (f32x4.extract_lane 3 (local.get $gv))))))
                    (local.set $g (i32.add (local.get $g) (i32.const 16)))
                    (local.set $chb (i32.add (local.get $chb) (i32.const 16)))
                    (br $vec)))
                ;; the last c mod 4 channels, one at a time
                (block $tail_done
                  (loop $tail
                    (br_if $tail_done (i32.ge_u (local.get $chb) (local.get $cb)))
                    (local.set $fb (f32.const -inf))
                    (local.set $ia (i32.const -1))
                    (local.set $i (local.get $i0))
                    (block $ti_done
                      (loop $ti_loop
                        (br_if $ti_done (i32.ge_s (local.get $i) (local.get $i1)))
                        (local.set $j (local.get $j0))
                        (local.set $p (i32.add
                          (i32.add (i32.add (local.get $xb) (local.get $chb)) (i32.mul (local.get $i) (local.get $rowB)))
                          (i32.mul (local.get $j) (local.get $cb))))
                        (block $tj_done
                          (loop $tj_loop
                            (br_if $tj_done (i32.ge_s (local.get $j) (local.get $j1)))
                            (local.set $fv (f32.load (local.get $p)))
                            (if (f32.gt (local.get $fv) (local.get $fb))
                              (then (local.set $fb (local.get $fv)) (local.set $ia (local.get $p))))
                            (local.set $p (i32.add (local.get $p) (local.get $cb)))
                            (local.set $j (i32.add (local.get $j) (i32.const 1)))
                            (br $tj_loop)))
                        (local.set $i (i32.add (local.get $i) (i32.const 1)))
                        (br $ti_loop)))
                    (if (i32.ne (local.get $ia) (i32.const -1))
                      (then (local.set $a (i32.add (local.get $dx) (i32.sub (local.get $ia) (local.get $x))))
                            (f32.store (local.get $a) (f32.add (f32.load (local.get $a)) (f32.load (local.get $g))))))
                    (local.set $g (i32.add (local.get $g) (i32.const 4)))
                    (local.set $chb (i32.add (local.get $chb) (i32.const 4)))
                    (br $tail)))
                (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
                (br $ox_loop)))
            (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
            (br $oy_loop)))
        (local.set $xb (i32.add (local.get $xb) (i32.mul (local.get $rowB) (local.get $h))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $b_loop))))

  ;; dst[i][j][0 .. inner) = src[j][i][0 .. inner) for src of shape [a, b, inner] and dst of
  ;; shape [b, a, inner]: two outer axes swapped, blocks of `inner` floats moved whole (a
  ;; transpose such as [n, h, w, c] -> [h, w, n, c], which tfjs's Transpose does element by element).
  (func (export "swap_axes") (param $src i32) (param $dst i32) (param $a i32) (param $b i32) (param $inner i32)
    (local $i i32) (local $j i32) (local $k i32) (local $s i32) (local $d i32)
    (local $block i32) (local $rowStride i32) (local $vecEnd i32)
    (local.set $block (i32.shl (local.get $inner) (i32.const 2)))          ;; bytes per block
    (local.set $rowStride (i32.mul (local.get $block) (local.get $b)))     ;; bytes per src row j
    (local.set $vecEnd (i32.shl (i32.and (local.get $inner) (i32.const -4)) (i32.const 2)))
    (local.set $d (local.get $dst))
    (local.set $i (i32.const 0))
    (block $i_done
      (loop $i_loop
        (br_if $i_done (i32.ge_u (local.get $i) (local.get $b)))
        (local.set $s (i32.add (local.get $src) (i32.mul (local.get $i) (local.get $block))))
        (local.set $j (i32.const 0))
        (block $j_done
          (loop $j_loop
            (br_if $j_done (i32.ge_u (local.get $j) (local.get $a)))
            (local.set $k (i32.const 0))
            (block $v_done
              (loop $v_loop
                (br_if $v_done (i32.ge_u (local.get $k) (local.get $vecEnd)))
                (v128.store (i32.add (local.get $d) (local.get $k)) (v128.load (i32.add (local.get $s) (local.get $k))))
                (local.set $k (i32.add (local.get $k) (i32.const 16)))
                (br $v_loop)))
            (block $t_done
              (loop $t_loop
                (br_if $t_done (i32.ge_u (local.get $k) (local.get $block)))
                (f32.store (i32.add (local.get $d) (local.get $k)) (f32.load (i32.add (local.get $s) (local.get $k))))
                (local.set $k (i32.add (local.get $k) (i32.const 4)))
                (br $t_loop)))
            (local.set $d (i32.add (local.get $d) (local.get $block)))
            (local.set $s (i32.add (local.get $s) (local.get $rowStride)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $j_loop)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $i_loop))))

  ;; Conv2DBackpropInput's scatter (col2im) for dilation 1: dx[b, y*sh + i - pt, x*sw + j - pl, :]
  ;; += col[(b*oh + y)*ow + x][(i*kw + j)*c + :] for NHWC dx (zeroed by the caller). For fixed
  ;; (b, y, x, i) the taps j and channels form one contiguous run in both col and dx, so each is
  ;; one vector add of up to kw * c floats, clipped to the columns inside the image.
  (func (export "col2im_add") (param $col i32) (param $dx i32)
        (param $n i32) (param $h i32) (param $w i32) (param $c i32) (param $oh i32) (param $ow i32)
        (param $kh i32) (param $kw i32) (param $sh i32) (param $sw i32) (param $pt i32) (param $pl i32)
    (local $b i32) (local $y i32) (local $x i32) (local $i i32) (local $iy i32) (local $x0 i32)
    (local $j0 i32) (local $j1 i32) (local $len i32) (local $vecEnd i32) (local $k i32)
    (local $src i32) (local $dst i32) (local $row i32) (local $kbytes i32) (local $cb i32)
    (local.set $cb (i32.shl (local.get $c) (i32.const 2)))
    (local.set $kbytes (i32.mul (i32.mul (local.get $kh) (local.get $kw)) (local.get $cb)))  ;; one col row
    (local.set $row (local.get $col))
    (local.set $b (i32.const 0))
    (block $b_done (loop $b_loop
      (br_if $b_done (i32.ge_u (local.get $b) (local.get $n)))
      (local.set $y (i32.const 0))
      (block $y_done (loop $y_loop
        (br_if $y_done (i32.ge_u (local.get $y) (local.get $oh)))
        (local.set $x (i32.const 0))
        (block $x_done (loop $x_loop
          (br_if $x_done (i32.ge_u (local.get $x) (local.get $ow)))
          ;; first input column of the window, and the taps j0 <= j < j1 inside [0, w)
          (local.set $x0 (i32.sub (i32.mul (local.get $x) (local.get $sw)) (local.get $pl)))
          (local.set $j0 (select (i32.sub (i32.const 0) (local.get $x0)) (i32.const 0) (i32.lt_s (local.get $x0) (i32.const 0))))
          (local.set $j1 (i32.sub (local.get $w) (local.get $x0)))
          (local.set $j1 (select (local.get $kw) (local.get $j1) (i32.gt_s (local.get $j1) (local.get $kw))))
          (if (i32.lt_s (local.get $j0) (local.get $j1)) (then
            (local.set $len (i32.mul (i32.sub (local.get $j1) (local.get $j0)) (local.get $cb)))
            (local.set $vecEnd (i32.and (local.get $len) (i32.const -16)))
            (local.set $i (i32.const 0))
            (block $i_done (loop $i_loop
              (br_if $i_done (i32.ge_u (local.get $i) (local.get $kh)))
              (local.set $iy (i32.sub (i32.add (i32.mul (local.get $y) (local.get $sh)) (local.get $i)) (local.get $pt)))
              (if (i32.and (i32.ge_s (local.get $iy) (i32.const 0)) (i32.lt_s (local.get $iy) (local.get $h))) (then
                (local.set $src (i32.add (local.get $row)
                  (i32.mul (i32.add (i32.mul (local.get $i) (local.get $kw)) (local.get $j0)) (local.get $cb))))
                (local.set $dst (i32.add (local.get $dx)
                  (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $h)) (local.get $iy)) (local.get $w))
                                    (i32.add (local.get $x0) (local.get $j0)))
                           (local.get $cb))))
                (local.set $k (i32.const 0))
                (block $v_done (loop $v_loop
                  (br_if $v_done (i32.ge_u (local.get $k) (local.get $vecEnd)))
                  (v128.store (i32.add (local.get $dst) (local.get $k))
                    (f32x4.add (v128.load (i32.add (local.get $dst) (local.get $k)))
                               (v128.load (i32.add (local.get $src) (local.get $k)))))
                  (local.set $k (i32.add (local.get $k) (i32.const 16)))
                  (br $v_loop)))
                (block $t_done (loop $t_loop
                  (br_if $t_done (i32.ge_u (local.get $k) (local.get $len)))
                  (f32.store (i32.add (local.get $dst) (local.get $k))
                    (f32.add (f32.load (i32.add (local.get $dst) (local.get $k)))
                             (f32.load (i32.add (local.get $src) (local.get $k)))))
                  (local.set $k (i32.add (local.get $k) (i32.const 4)))
                  (br $t_loop)))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $i_loop)))))
          (local.set $row (i32.add (local.get $row) (local.get $kbytes)))
          (local.set $x (i32.add (local.get $x) (i32.const 1)))
          (br $x_loop)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $y_loop)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $b_loop))))

  ;; torch.optim.SGD's update of one parameter, in float32 as PyTorch computes it:
  ;;   d = g + wd * p;  with momentum: b = first ? d : momentum * buf + (1 - dampening) * d,
  ;;   bufOut = b, d = nesterov ? d + momentum * b : b;  pOut = p - lr * d.
  ;; (app/training/fused-step.ts has the same rule for every backend.) buf/bufOut are unused
  ;; without momentum, and buf is unread on the first step.
  (func (export "sgd_step") (param $p i32) (param $g i32) (param $buf i32) (param $pOut i32) (param $bufOut i32)
        (param $n i32) (param $lr f32) (param $wd f32) (param $mom f32) (param $damp f32)
        (param $nesterov i32) (param $first i32)
    (local $k i32) (local $vecEnd i32) (local $end i32)
    (local $d v128) (local $b v128) (local $vlr v128) (local $vwd v128) (local $vmom v128) (local $vkeep v128)
    (local $fd f32) (local $fb f32)
    (local.set $vlr (f32x4.splat (local.get $lr)))
    (local.set $vwd (f32x4.splat (local.get $wd)))
    (local.set $vmom (f32x4.splat (local.get $mom)))
    (local.set $vkeep (f32x4.splat (f32.sub (f32.const 1) (local.get $damp))))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $vecEnd (i32.and (local.get $end) (i32.const -16)))
    (local.set $k (i32.const 0))
    (block $v_done (loop $v_loop
      (br_if $v_done (i32.ge_u (local.get $k) (local.get $vecEnd)))
      (local.set $d (v128.load (i32.add (local.get $g) (local.get $k))))
      (if (f32.ne (local.get $wd) (f32.const 0)) (then
        (local.set $d (f32x4.add (local.get $d) (f32x4.mul (local.get $vwd) (v128.load (i32.add (local.get $p) (local.get $k))))))))
      (if (f32.ne (local.get $mom) (f32.const 0)) (then
        (if (local.get $first)
          (then (local.set $b (local.get $d)))
          (else (local.set $b (f32x4.add (f32x4.mul (local.get $vmom) (v128.load (i32.add (local.get $buf) (local.get $k))))
                                         (f32x4.mul (local.get $vkeep) (local.get $d))))))
        (v128.store (i32.add (local.get $bufOut) (local.get $k)) (local.get $b))
        (if (local.get $nesterov)
          (then (local.set $d (f32x4.add (local.get $d) (f32x4.mul (local.get $vmom) (local.get $b)))))
          (else (local.set $d (local.get $b))))))
      (v128.store (i32.add (local.get $pOut) (local.get $k))
        (f32x4.sub (v128.load (i32.add (local.get $p) (local.get $k))) (f32x4.mul (local.get $vlr) (local.get $d))))
      (local.set $k (i32.add (local.get $k) (i32.const 16)))
      (br $v_loop)))
    (block $t_done (loop $t_loop
      (br_if $t_done (i32.ge_u (local.get $k) (local.get $end)))
      (local.set $fd (f32.load (i32.add (local.get $g) (local.get $k))))
      (if (f32.ne (local.get $wd) (f32.const 0)) (then
        (local.set $fd (f32.add (local.get $fd) (f32.mul (local.get $wd) (f32.load (i32.add (local.get $p) (local.get $k))))))))
      (if (f32.ne (local.get $mom) (f32.const 0)) (then
        (if (local.get $first)
          (then (local.set $fb (local.get $fd)))
          (else (local.set $fb (f32.add (f32.mul (local.get $mom) (f32.load (i32.add (local.get $buf) (local.get $k))))
                                        (f32.mul (f32.sub (f32.const 1) (local.get $damp)) (local.get $fd))))))
        (f32.store (i32.add (local.get $bufOut) (local.get $k)) (local.get $fb))
        (if (local.get $nesterov)
          (then (local.set $fd (f32.add (local.get $fd) (f32.mul (local.get $mom) (local.get $fb)))))
          (else (local.set $fd (local.get $fb))))))
      (f32.store (i32.add (local.get $pOut) (local.get $k))
        (f32.sub (f32.load (i32.add (local.get $p) (local.get $k))) (f32.mul (local.get $lr) (local.get $fd))))
      (local.set $k (i32.add (local.get $k) (i32.const 4)))
      (br $t_loop))))

  ;; dst[c][m][a] = src[a][m][c] for src of shape [A, M, C]: the first and last axes swapped, as
  ;; the filter gradient's [n, h, w, c] -> [c, h, w, n] (one float at a time; dst in order).
  (func (export "reverse3") (param $src i32) (param $dst i32) (param $A i32) (param $M i32) (param $C i32)
    (local $c i32) (local $m i32) (local $a i32) (local $s i32) (local $step i32)
    (local.set $step (i32.shl (i32.mul (local.get $M) (local.get $C)) (i32.const 2)))   ;; bytes between a and a + 1
    (local.set $c (i32.const 0))
    (block $c_done (loop $c_loop
      (br_if $c_done (i32.ge_u (local.get $c) (local.get $C)))
      (local.set $m (i32.const 0))
      (block $m_done (loop $m_loop
        (br_if $m_done (i32.ge_u (local.get $m) (local.get $M)))
        (local.set $s (i32.add (local.get $src)
          (i32.shl (i32.add (i32.mul (local.get $m) (local.get $C)) (local.get $c)) (i32.const 2))))
        (local.set $a (i32.const 0))
        (block $a_done (loop $a_loop
          (br_if $a_done (i32.ge_u (local.get $a) (local.get $A)))
          (f32.store (local.get $dst) (f32.load (local.get $s)))
          (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
          (local.set $s (i32.add (local.get $s) (local.get $step)))
          (local.set $a (i32.add (local.get $a) (i32.const 1)))
          (br $a_loop)))
        (local.set $m (i32.add (local.get $m) (i32.const 1)))
        (br $m_loop)))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br $c_loop))))

  ;; dst[b][o][y][x] = x < ow ? dz[b][y][x][o] : 0 for dz [n, oh, ow, oc] (NHWC) and dst
  ;; [n, oc, oh, ow4] (planar rows padded with zeros to ow4 >= ow): bf_c1's gradient layout.
  (func (export "planar_dz") (param $dz i32) (param $dst i32) (param $n i32) (param $oh i32) (param $ow i32) (param $oc i32) (param $ow4 i32)
    (local $b i32) (local $o i32) (local $y i32) (local $x i32) (local $s i32) (local $ocb i32)
    (local.set $ocb (i32.shl (local.get $oc) (i32.const 2)))
    (local.set $b (i32.const 0))
    (block $b_done (loop $b_loop
      (br_if $b_done (i32.ge_u (local.get $b) (local.get $n)))
      (local.set $o (i32.const 0))
      (block $o_done (loop $o_loop
        (br_if $o_done (i32.ge_u (local.get $o) (local.get $oc)))
        (local.set $y (i32.const 0))
        (block $y_done (loop $y_loop
          (br_if $y_done (i32.ge_u (local.get $y) (local.get $oh)))
          (local.set $s (i32.add (local.get $dz) (i32.shl
            (i32.add (i32.mul (i32.mul (i32.add (i32.mul (local.get $b) (local.get $oh)) (local.get $y)) (local.get $ow)) (local.get $oc)) (local.get $o))
            (i32.const 2))))
          (local.set $x (i32.const 0))
          (block $x_done (loop $x_loop
            (br_if $x_done (i32.ge_u (local.get $x) (local.get $ow)))
            (f32.store (local.get $dst) (f32.load (local.get $s)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
            (local.set $s (i32.add (local.get $s) (local.get $ocb)))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $x_loop)))
          (block $p_done (loop $p_loop
            (br_if $p_done (i32.ge_u (local.get $x) (local.get $ow4)))
            (f32.store (local.get $dst) (f32.const 0))
            (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $p_loop)))
          (local.set $y (i32.add (local.get $y) (i32.const 1)))
          (br $y_loop)))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (br $o_loop)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $b_loop))))

  ;; Conv2DBackpropFilter for one input channel, stride 1, dilation 1:
  ;;   dw[i][j][o] = sum over b, y, x of xp[b][y + i][x + j] * dzt[b][o][y][x]
  ;; with xp the zero-padded input [n, hp, wp] and dzt from planar_dz [n, oc, oh, ow4]; x runs
  ;; four at a time (ow4 a multiple of 4), and five taps j share each load of the gradient.
  ;; wp must be at least ow4 + 5 * ceil(kw / 5) + 3 (the extra columns zero).
  (func (export "bf_c1") (param $xp i32) (param $dzt i32) (param $dw i32)
        (param $n i32) (param $oh i32) (param $ow4 i32) (param $hp i32) (param $wp i32)
        (param $oc i32) (param $kh i32) (param $kw i32)
    (local $o i32) (local $i i32) (local $j0 i32) (local $b i32) (local $y i32) (local $xv i32)
    (local $xrow i32) (local $drow i32) (local $jj i32) (local $rowBytes i32) (local $w4 i32)
    (local $d v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $a4 v128)
    ;; per-tap totals in double precision: each image's float32 partial sums are added in
    (local $l0 v128) (local $h0 v128) (local $l1 v128) (local $h1 v128) (local $l2 v128) (local $h2 v128)
    (local $l3 v128) (local $h3 v128) (local $l4 v128) (local $h4 v128) (local $lo v128) (local $hi v128)
    (local.set $rowBytes (i32.shl (local.get $wp) (i32.const 2)))
    (local.set $w4 (i32.shl (local.get $ow4) (i32.const 2)))
    (local.set $o (i32.const 0))
    (block $o_done (loop $o_loop
      (br_if $o_done (i32.ge_u (local.get $o) (local.get $oc)))
      (local.set $i (i32.const 0))
      (block $i_done (loop $i_loop
        (br_if $i_done (i32.ge_u (local.get $i) (local.get $kh)))
        (local.set $j0 (i32.const 0))
        (block $j_done (loop $j_loop
          (br_if $j_done (i32.ge_u (local.get $j0) (local.get $kw)))
          (local.set $l0 (v128.const i32x4 0 0 0 0)) (local.set $h0 (v128.const i32x4 0 0 0 0))
          (local.set $l1 (v128.const i32x4 0 0 0 0)) (local.set $h1 (v128.const i32x4 0 0 0 0))
          (local.set $l2 (v128.const i32x4 0 0 0 0)) (local.set $h2 (v128.const i32x4 0 0 0 0))
          (local.set $l3 (v128.const i32x4 0 0 0 0)) (local.set $h3 (v128.const i32x4 0 0 0 0))
          (local.set $l4 (v128.const i32x4 0 0 0 0)) (local.set $h4 (v128.const i32x4 0 0 0 0))
          (local.set $b (i32.const 0))
          (block $b_done (loop $b_loop
            (br_if $b_done (i32.ge_u (local.get $b) (local.get $n)))
            (local.set $a0 (v128.const i32x4 0 0 0 0))
            (local.set $a1 (v128.const i32x4 0 0 0 0))
            (local.set $a2 (v128.const i32x4 0 0 0 0))
            (local.set $a3 (v128.const i32x4 0 0 0 0))
            (local.set $a4 (v128.const i32x4 0 0 0 0))
            (local.set $y (i32.const 0))
            (block $y_done (loop $y_loop
              (br_if $y_done (i32.ge_u (local.get $y) (local.get $oh)))
              (local.set $xrow (i32.add (local.get $xp) (i32.add
                (i32.mul (i32.add (i32.add (i32.mul (local.get $b) (local.get $hp)) (local.get $y)) (local.get $i)) (local.get $rowBytes))
                (i32.shl (local.get $j0) (i32.const 2)))))
              (local.set $drow (i32.add (local.get $dzt)
                (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $oc)) (local.get $o)) (local.get $oh)) (local.get $y))
                         (local.get $w4))))
              (local.set $xv (i32.const 0))
              (block $x_done (loop $x_loop
                (br_if $x_done (i32.ge_u (local.get $xv) (local.get $w4)))
                (local.set $d (v128.load (i32.add (local.get $drow) (local.get $xv))))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load (i32.add (local.get $xrow) (local.get $xv))) (local.get $d))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=4 (i32.add (local.get $xrow) (local.get $xv))) (local.get $d))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (v128.load offset=8 (i32.add (local.get $xrow) (local.get $xv))) (local.get $d))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (v128.load offset=12 (i32.add (local.get $xrow) (local.get $xv))) (local.get $d))))
                (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (v128.load offset=16 (i32.add (local.get $xrow) (local.get $xv))) (local.get $d))))
                (local.set $xv (i32.add (local.get $xv) (i32.const 16)))
                (br $x_loop)))
              (local.set $y (i32.add (local.get $y) (i32.const 1)))
              (br $y_loop)))
            ;; this image's float32 partial sums into the double-precision totals
            (local.set $l0 (f64x2.add (local.get $l0) (f64x2.promote_low_f32x4 (local.get $a0))))
            (local.set $h0 (f64x2.add (local.get $h0) (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a0) (local.get $a0)))))
            (local.set $l1 (f64x2.add (local.get $l1) (f64x2.promote_low_f32x4 (local.get $a1))))
            (local.set $h1 (f64x2.add (local.get $h1) (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a1) (local.get $a1)))))
            (local.set $l2 (f64x2.add (local.get $l2) (f64x2.promote_low_f32x4 (local.get $a2))))
            (local.set $h2 (f64x2.add (local.get $h2) (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a2) (local.get $a2)))))
            (local.set $l3 (f64x2.add (local.get $l3) (f64x2.promote_low_f32x4 (local.get $a3))))
            (local.set $h3 (f64x2.add (local.get $h3) (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a3) (local.get $a3)))))
            (local.set $l4 (f64x2.add (local.get $l4) (f64x2.promote_low_f32x4 (local.get $a4))))
            (local.set $h4 (f64x2.add (local.get $h4) (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a4) (local.get $a4)))))
            (local.set $b (i32.add (local.get $b) (i32.const 1)))
            (br $b_loop)))
          ;; dw[i][j0 + jj][o] = the lanes' sum of total jj, for the taps that exist
          (local.set $jj (i32.const 0))
          (block $w_done (loop $w_loop
            (br_if $w_done (i32.or (i32.ge_u (local.get $jj) (i32.const 5))
                                   (i32.ge_u (i32.add (local.get $j0) (local.get $jj)) (local.get $kw))))
            (local.set $lo
              (if (result v128) (i32.eqz (local.get $jj)) (then (local.get $l0))
                (else (if (result v128) (i32.eq (local.get $jj) (i32.const 1)) (then (local.get $l1))
                  (else (if (result v128) (i32.eq (local.get $jj) (i32.const 2)) (then (local.get $l2))
                    (else (if (result v128) (i32.eq (local.get $jj) (i32.const 3)) (then (local.get $l3))
                      (else (local.get $l4))))))))))
            (local.set $hi
              (if (result v128) (i32.eqz (local.get $jj)) (then (local.get $h0))
                (else (if (result v128) (i32.eq (local.get $jj) (i32.const 1)) (then (local.get $h1))
                  (else (if (result v128) (i32.eq (local.get $jj) (i32.const 2)) (then (local.get $h2))
                    (else (if (result v128) (i32.eq (local.get $jj) (i32.const 3)) (then (local.get $h3))
                      (else (local.get $h4))))))))))
            (local.set $lo (f64x2.add (local.get $lo) (local.get $hi)))
            (f32.store (i32.add (local.get $dw)
              (i32.shl (i32.add (i32.mul (i32.add (i32.mul (local.get $i) (local.get $kw)) (i32.add (local.get $j0) (local.get $jj))) (local.get $oc)) (local.get $o))
                       (i32.const 2)))
              (f32.demote_f64 (f64.add (f64x2.extract_lane 0 (local.get $lo)) (f64x2.extract_lane 1 (local.get $lo)))))
            (local.set $jj (i32.add (local.get $jj) (i32.const 1)))
            (br $w_loop)))
          (local.set $j0 (i32.add (local.get $j0) (i32.const 5)))
          (br $j_loop)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $i_loop)))
      (local.set $o (i32.add (local.get $o) (i32.const 1)))
      (br $o_loop))))

  ;; Bytes [p, p + len) = 0 (len a multiple of 4), sixteen at a time.
  (func $zero (param $p i32) (param $len i32)
    (local $k i32) (local $vecEnd i32)
    (local.set $vecEnd (i32.and (local.get $len) (i32.const -16)))
    (block $v_done (loop $v_loop
      (br_if $v_done (i32.ge_u (local.get $k) (local.get $vecEnd)))
      (v128.store (i32.add (local.get $p) (local.get $k)) (v128.const i32x4 0 0 0 0))
      (local.set $k (i32.add (local.get $k) (i32.const 16)))
      (br $v_loop)))
    (block $t_done (loop $t_loop
      (br_if $t_done (i32.ge_u (local.get $k) (local.get $len)))
      (f32.store (i32.add (local.get $p) (local.get $k)) (f32.const 0))
      (local.set $k (i32.add (local.get $k) (i32.const 4)))
      (br $t_loop))))

  ;; Bytes [dst, dst + len) = [src, src + len) (not overlapping; len a multiple of 4).
  (func $copy (param $dst i32) (param $src i32) (param $len i32)
    (local $k i32) (local $vecEnd i32)
    (local.set $vecEnd (i32.and (local.get $len) (i32.const -16)))
    (block $v_done (loop $v_loop
      (br_if $v_done (i32.ge_u (local.get $k) (local.get $vecEnd)))
      (v128.store (i32.add (local.get $dst) (local.get $k)) (v128.load (i32.add (local.get $src) (local.get $k))))
      (local.set $k (i32.add (local.get $k) (i32.const 16)))
      (br $v_loop)))
    (block $t_done (loop $t_loop
      (br_if $t_done (i32.ge_u (local.get $k) (local.get $len)))
      (f32.store (i32.add (local.get $dst) (local.get $k)) (f32.load (i32.add (local.get $src) (local.get $k))))
      (local.set $k (i32.add (local.get $k) (i32.const 4)))
      (br $t_loop))))

  ;; The patch matrix of a convolution with dilation 1 (im2col), the inverse of col2im_add:
  ;; col[(b*oh + y)*ow + x][(i*kw + j)*c + :] = x[b, y*sh + i - pt, x*sw + j - pl, :] for NHWC x,
  ;; 0 where the tap falls outside the image. Every element of col is written (the caller does
  ;; not zero it). For fixed (b, y, x, i) the taps inside the image are one contiguous run of
  ;; floats in both x and col, copied as vectors.
  (func (export "im2col") (param $x i32) (param $col i32)
        (param $n i32) (param $h i32) (param $w i32) (param $c i32) (param $oh i32) (param $ow i32)
        (param $kh i32) (param $kw i32) (param $sh i32) (param $sw i32) (param $pt i32) (param $pl i32)
    (local $b i32) (local $y i32) (local $xx i32) (local $i i32) (local $iy i32) (local $x0 i32)
    (local $j0 i32) (local $j1 i32) (local $cb i32) (local $tapRow i32) (local $dst i32)
    (local.set $cb (i32.shl (local.get $c) (i32.const 2)))
    (local.set $tapRow (i32.mul (local.get $kw) (local.get $cb)))  ;; bytes of one kernel row i
    (local.set $dst (local.get $col))
    (block $b_done (loop $b_loop
      (br_if $b_done (i32.ge_u (local.get $b) (local.get $n)))
      (local.set $y (i32.const 0))
      (block $y_done (loop $y_loop
        (br_if $y_done (i32.ge_u (local.get $y) (local.get $oh)))
        (local.set $xx (i32.const 0))
        (block $x_done (loop $x_loop
          (br_if $x_done (i32.ge_u (local.get $xx) (local.get $ow)))
          ;; first input column of the window, and the taps j0 <= j < j1 inside [0, w)
          (local.set $x0 (i32.sub (i32.mul (local.get $xx) (local.get $sw)) (local.get $pl)))
          (local.set $j0 (select (i32.sub (i32.const 0) (local.get $x0)) (i32.const 0) (i32.lt_s (local.get $x0) (i32.const 0))))
          (local.set $j0 (select (local.get $kw) (local.get $j0) (i32.gt_s (local.get $j0) (local.get $kw))))
          (local.set $j1 (i32.sub (local.get $w) (local.get $x0)))
          (local.set $j1 (select (local.get $kw) (local.get $j1) (i32.gt_s (local.get $j1) (local.get $kw))))
          (local.set $j1 (select (local.get $j0) (local.get $j1) (i32.lt_s (local.get $j1) (local.get $j0))))
          (local.set $i (i32.const 0))
          (block $i_done (loop $i_loop
            (br_if $i_done (i32.ge_u (local.get $i) (local.get $kh)))
            (local.set $iy (i32.sub (i32.add (i32.mul (local.get $y) (local.get $sh)) (local.get $i)) (local.get $pt)))
            (if (i32.and (i32.ge_s (local.get $iy) (i32.const 0)) (i32.lt_s (local.get $iy) (local.get $h)))
              (then
                (call $zero (local.get $dst) (i32.mul (local.get $j0) (local.get $cb)))
                (call $copy
                  (i32.add (local.get $dst) (i32.mul (local.get $j0) (local.get $cb)))
                  (i32.add (local.get $x)
                    (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $h)) (local.get $iy)) (local.get $w))
                                      (i32.add (local.get $x0) (local.get $j0)))
                             (local.get $cb)))
                  (i32.mul (i32.sub (local.get $j1) (local.get $j0)) (local.get $cb)))
                (call $zero
                  (i32.add (local.get $dst) (i32.mul (local.get $j1) (local.get $cb)))
                  (i32.mul (i32.sub (local.get $kw) (local.get $j1)) (local.get $cb))))
              (else (call $zero (local.get $dst) (local.get $tapRow))))
            (local.set $dst (i32.add (local.get $dst) (local.get $tapRow)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $i_loop)))
          (local.set $xx (i32.add (local.get $xx) (i32.const 1)))
          (br $x_loop)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $y_loop)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $b_loop))))

  ;; Floats [dst, dst + len bytes) += [src, src + len bytes) (len a multiple of 4).
  (func $add (param $dst i32) (param $src i32) (param $len i32)
    (local $k i32) (local $vecEnd i32)
    (local.set $vecEnd (i32.and (local.get $len) (i32.const -16)))
    (block $v_done (loop $v_loop
      (br_if $v_done (i32.ge_u (local.get $k) (local.get $vecEnd)))
      (v128.store (i32.add (local.get $dst) (local.get $k))
        (f32x4.add (v128.load (i32.add (local.get $dst) (local.get $k))) (v128.load (i32.add (local.get $src) (local.get $k)))))
      (local.set $k (i32.add (local.get $k) (i32.const 16)))
      (br $v_loop)))
    (block $t_done (loop $t_loop
      (br_if $t_done (i32.ge_u (local.get $k) (local.get $len)))
      (f32.store (i32.add (local.get $dst) (local.get $k))
        (f32.add (f32.load (i32.add (local.get $dst) (local.get $k))) (f32.load (i32.add (local.get $src) (local.get $k)))))
      (local.set $k (i32.add (local.get $k) (i32.const 4)))
      (br $t_loop))))

  ;; A rectangle of an NHWC map [n, h, w, c] and the same rectangle packed densely
  ;; [n, ny, nx, c] (rows y0 <= y < y0 + ny, columns x0 <= x < x0 + nx): `rect_gather` copies the
  ;; map's rectangle into the dense buffer, `rect_add` adds the dense buffer into the map's
  ;; rectangle. Each (b, y) is one contiguous run of nx * c floats on both sides.
  (func $rect (param $map i32) (param $dense i32) (param $n i32) (param $h i32) (param $w i32) (param $c i32)
        (param $y0 i32) (param $ny i32) (param $x0 i32) (param $nx i32) (param $accumulate i32)
    (local $b i32) (local $y i32) (local $run i32) (local $rowBytes i32) (local $src i32) (local $dst i32)
    (local.set $rowBytes (i32.shl (i32.mul (local.get $w) (local.get $c)) (i32.const 2)))
    (local.set $run (i32.shl (i32.mul (local.get $nx) (local.get $c)) (i32.const 2)))
    (local.set $dst (local.get $dense))
    (block $b_done (loop $b_loop
      (br_if $b_done (i32.ge_u (local.get $b) (local.get $n)))
      (local.set $src (i32.add (local.get $map)
        (i32.shl (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $h)) (local.get $y0)) (local.get $w))
                                   (local.get $x0))
                          (local.get $c))
                 (i32.const 2))))
      (local.set $y (i32.const 0))
      (block $y_done (loop $y_loop
        (br_if $y_done (i32.ge_u (local.get $y) (local.get $ny)))
        (if (local.get $accumulate)
          (then (call $add (local.get $src) (local.get $dst) (local.get $run)))
          (else (call $copy (local.get $dst) (local.get $src) (local.get $run))))
        (local.set $src (i32.add (local.get $src) (local.get $rowBytes)))
        (local.set $dst (i32.add (local.get $dst) (local.get $run)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $y_loop)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $b_loop))))

  (func (export "rect_gather") (param $map i32) (param $dense i32) (param $n i32) (param $h i32) (param $w i32) (param $c i32)
        (param $y0 i32) (param $ny i32) (param $x0 i32) (param $nx i32)
    (call $rect (local.get $map) (local.get $dense) (local.get $n) (local.get $h) (local.get $w) (local.get $c)
      (local.get $y0) (local.get $ny) (local.get $x0) (local.get $nx) (i32.const 0)))

  (func (export "rect_add") (param $map i32) (param $dense i32) (param $n i32) (param $h i32) (param $w i32) (param $c i32)
        (param $y0 i32) (param $ny i32) (param $x0 i32) (param $nx i32)
    (call $rect (local.get $map) (local.get $dense) (local.get $n) (local.get $h) (local.get $w) (local.get $c)
      (local.get $y0) (local.get $ny) (local.get $x0) (local.get $nx) (i32.const 1)))

  ;; BatchNorm's kernels (main/node/engine/wasm-kernels/batchnorm.ts) over NHWC tensors, channels
  ;; innermost: n floats in blocks of `period` (a multiple of 4 and of the channel count, n a
  ;; multiple of period), lane j of a block holding channel j mod c. Per-lane coefficients are
  ;; `period` floats each, one after another at coef; per-lane sums are `period` doubles each at
  ;; acc (zeroed by the caller, which folds the lanes into channels).

  ;; acc[j] += x and acc[period + j] += x * x (exact in double precision) over every block.
  (func (export "bn_stats") (param $src i32) (param $acc i32) (param $n i32) (param $period i32)
    (local $end i32) (local $j i32) (local $a i32) (local $q i32) (local $pb i32)
    (local $v v128) (local $lo v128) (local $hi v128)
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $pb (i32.shl (local.get $period) (i32.const 3)))            ;; period doubles in bytes
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $j (i32.const 0))
        (local.set $a (local.get $acc))
        (block $row_done
          (loop $row
            (br_if $row_done (i32.ge_u (local.get $j) (local.get $period)))
            (local.set $v (v128.load (local.get $src)))
            (local.set $lo (f64x2.promote_low_f32x4 (local.get $v)))
            (local.set $hi (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))
            (local.set $q (i32.add (local.get $a) (local.get $pb)))
            (v128.store (local.get $a) (f64x2.add (v128.load (local.get $a)) (local.get $lo)))
            (v128.store offset=16 (local.get $a) (f64x2.add (v128.load offset=16 (local.get $a)) (local.get $hi)))
            (v128.store (local.get $q)
              (f64x2.add (v128.load (local.get $q)) (f64x2.mul (local.get $lo) (local.get $lo))))
            (v128.store offset=16 (local.get $q)
              (f64x2.add (v128.load offset=16 (local.get $q)) (f64x2.mul (local.get $hi) (local.get $hi))))
            (local.set $src (i32.add (local.get $src) (i32.const 16)))
            (local.set $a (i32.add (local.get $a) (i32.const 32)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $row)))
        (br $blocks))))

  ;; y = (x - mean) * scale + shift, with coef = [mean, scale, shift] per lane.
  (func (export "bn_norm") (param $x i32) (param $y i32) (param $coef i32) (param $n i32) (param $period i32)
    (local $end i32) (local $k i32) (local $kend i32) (local $pb i32)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $pb (i32.shl (local.get $period) (i32.const 2)))            ;; period floats in bytes
    (local.set $kend (i32.add (local.get $coef) (local.get $pb)))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $k (local.get $coef))
        (block $row_done
          (loop $row
            (br_if $row_done (i32.ge_u (local.get $k) (local.get $kend)))
            (v128.store (local.get $y)
              (f32x4.add
                (f32x4.mul (f32x4.sub (v128.load (local.get $x)) (v128.load (local.get $k)))
                           (v128.load (i32.add (local.get $k) (local.get $pb))))
                (v128.load (i32.add (local.get $k) (i32.shl (local.get $pb) (i32.const 1))))))
            (local.set $x (i32.add (local.get $x) (i32.const 16)))
            (local.set $y (i32.add (local.get $y) (i32.const 16)))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $row)))
        (br $blocks))))

  ;; acc[j] += dy and acc[period + j] += dy * (x - mean) over every block (the product in float32,
  ;; the sums in double precision), with coef = [mean] per lane.
  (func (export "bn_grad_sums") (param $dy i32) (param $x i32) (param $coef i32) (param $acc i32)
        (param $n i32) (param $period i32)
    (local $end i32) (local $k i32) (local $kend i32) (local $a i32) (local $q i32) (local $pb i32)
    (local $d v128) (local $p v128)
    (local.set $end (i32.add (local.get $dy) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $pb (i32.shl (local.get $period) (i32.const 3)))            ;; period doubles in bytes
    (local.set $kend (i32.add (local.get $coef) (i32.shl (local.get $period) (i32.const 2))))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $dy) (local.get $end)))
        (local.set $k (local.get $coef))
        (local.set $a (local.get $acc))
        (block $row_done
          (loop $row
            (br_if $row_done (i32.ge_u (local.get $k) (local.get $kend)))
            (local.set $d (v128.load (local.get $dy)))
            (local.set $p (f32x4.mul (local.get $d) (f32x4.sub (v128.load (local.get $x)) (v128.load (local.get $k)))))
            (local.set $q (i32.add (local.get $a) (local.get $pb)))
            (v128.store (local.get $a)
              (f64x2.add (v128.load (local.get $a)) (f64x2.promote_low_f32x4 (local.get $d))))
            (v128.store offset=16 (local.get $a)
              (f64x2.add (v128.load offset=16 (local.get $a)) (f64x2.promote_low_f32x4
                (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $d) (local.get $d)))))
            (v128.store (local.get $q)
              (f64x2.add (v128.load (local.get $q)) (f64x2.promote_low_f32x4 (local.get $p))))
            (v128.store offset=16 (local.get $q)
              (f64x2.add (v128.load offset=16 (local.get $q)) (f64x2.promote_low_f32x4
                (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $p) (local.get $p)))))
            (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
            (local.set $x (i32.add (local.get $x) (i32.const 16)))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (local.set $a (i32.add (local.get $a) (i32.const 32)))
            (br $row)))
        (br $blocks))))

  ;; dx = (dy - a) * k1 - (x - mean) * k2, with coef = [mean, a, k1, k2] per lane.
  (func (export "bn_grad_input") (param $dy i32) (param $x i32) (param $dx i32) (param $coef i32)
        (param $n i32) (param $period i32)
    (local $end i32) (local $k i32) (local $kend i32) (local $pb i32)
    (local.set $end (i32.add (local.get $dy) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $pb (i32.shl (local.get $period) (i32.const 2)))            ;; period floats in bytes
    (local.set $kend (i32.add (local.get $coef) (local.get $pb)))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $dy) (local.get $end)))
        (local.set $k (local.get $coef))
        (block $row_done
          (loop $row
            (br_if $row_done (i32.ge_u (local.get $k) (local.get $kend)))
            (v128.store (local.get $dx)
              (f32x4.sub
                (f32x4.mul (f32x4.sub (v128.load (local.get $dy))
                                      (v128.load (i32.add (local.get $k) (local.get $pb))))
                           (v128.load (i32.add (local.get $k) (i32.shl (local.get $pb) (i32.const 1)))))
                (f32x4.mul (f32x4.sub (v128.load (local.get $x)) (v128.load (local.get $k)))
                           (v128.load (i32.add (local.get $k) (i32.mul (local.get $pb) (i32.const 3)))))))
            (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
            (local.set $x (i32.add (local.get $x) (i32.const 16)))
            (local.set $dx (i32.add (local.get $dx) (i32.const 16)))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $row)))
        (br $blocks))))

  ;; Floats [acc, acc + len bytes) += [u, u + len) * [v, v + len) elementwise (len a multiple of 4).
  (func $madd (param $acc i32) (param $u i32) (param $v i32) (param $len i32)
    (local $k i32) (local $vecEnd i32)
    (local.set $vecEnd (i32.and (local.get $len) (i32.const -16)))
    (block $v_done (loop $v_loop
      (br_if $v_done (i32.ge_u (local.get $k) (local.get $vecEnd)))
      (v128.store (i32.add (local.get $acc) (local.get $k))
        (f32x4.add (v128.load (i32.add (local.get $acc) (local.get $k)))
                   (f32x4.mul (v128.load (i32.add (local.get $u) (local.get $k)))
                              (v128.load (i32.add (local.get $v) (local.get $k))))))
      (local.set $k (i32.add (local.get $k) (i32.const 16)))
      (br $v_loop)))
    (block $t_done (loop $t_loop
      (br_if $t_done (i32.ge_u (local.get $k) (local.get $len)))
      (f32.store (i32.add (local.get $acc) (local.get $k))
        (f32.add (f32.load (i32.add (local.get $acc) (local.get $k)))
                 (f32.mul (f32.load (i32.add (local.get $u) (local.get $k)))
                          (f32.load (i32.add (local.get $v) (local.get $k))))))
      (local.set $k (i32.add (local.get $k) (i32.const 4)))
      (br $t_loop))))

  ;; The two gradients of a depthwise convolution with channel multiplier 1: x [n, h, w, c] and
  ;; dy [n, oh, ow, c] NHWC, the filter [kh, kw, c]. For every output pixel (b, y, x) in order and
  ;; every tap (i, j) inside the image (iy = y*sh + i*dh - pt, ix = x*sw + j*dw - pl), over the
  ;; channels, four at a time:
  ;;   mode 0, the filter gradient (src = x, out = dW):      dW[i, j, :] += x[b, iy, ix, :] * dy[b, y, x, :]
  ;;   mode 1, the input gradient (src = filter, out = dx): dx[b, iy, ix, :] += W[i, j, :] * dy[b, y, x, :]
  ;; The caller zeroes out. Same visiting order as depthwise-backprop.ts's JavaScript version.
  (func (export "depthwise_grad") (param $src i32) (param $dy i32) (param $out i32) (param $mode i32)
        (param $n i32) (param $h i32) (param $w i32) (param $c i32) (param $oh i32) (param $ow i32)
        (param $kh i32) (param $kw i32) (param $sh i32) (param $sw i32) (param $dh i32) (param $dw i32)
        (param $pt i32) (param $pl i32)
    (local $b i32) (local $y i32) (local $xx i32) (local $i i32) (local $j i32) (local $iy i32) (local $ix i32)
    (local $cb i32) (local $imgBytes i32) (local $xb i32) (local $xo i32) (local $to i32)
    (local.set $cb (i32.shl (local.get $c) (i32.const 2)))
    (local.set $imgBytes (i32.mul (i32.mul (local.get $h) (local.get $w)) (local.get $cb)))
    (block $b_done (loop $b_loop
      (br_if $b_done (i32.ge_u (local.get $b) (local.get $n)))
      (local.set $xb (i32.mul (local.get $b) (local.get $imgBytes)))
      (local.set $y (i32.const 0))
      (block $y_done (loop $y_loop
        (br_if $y_done (i32.ge_u (local.get $y) (local.get $oh)))
        (local.set $xx (i32.const 0))
        (block $x_done (loop $x_loop
          (br_if $x_done (i32.ge_u (local.get $xx) (local.get $ow)))
          (local.set $i (i32.const 0))
          (block $i_done (loop $i_loop
            (br_if $i_done (i32.ge_u (local.get $i) (local.get $kh)))
            (local.set $iy (i32.sub (i32.add (i32.mul (local.get $y) (local.get $sh)) (i32.mul (local.get $i) (local.get $dh)))
                                    (local.get $pt)))
            ;; 0 <= iy < h as one unsigned comparison
            (if (i32.lt_u (local.get $iy) (local.get $h))
              (then
                (local.set $j (i32.const 0))
                (block $j_done (loop $j_loop
                  (br_if $j_done (i32.ge_u (local.get $j) (local.get $kw)))
                  (local.set $ix (i32.sub (i32.add (i32.mul (local.get $xx) (local.get $sw)) (i32.mul (local.get $j) (local.get $dw)))
                                          (local.get $pl)))
                  (if (i32.lt_u (local.get $ix) (local.get $w))
                    (then
                      (local.set $xo (i32.add (local.get $xb)
                        (i32.mul (i32.add (i32.mul (local.get $iy) (local.get $w)) (local.get $ix)) (local.get $cb))))
                      (local.set $to (i32.mul (i32.add (i32.mul (local.get $i) (local.get $kw)) (local.get $j)) (local.get $cb)))
                      (if (local.get $mode)
                        (then (call $madd (i32.add (local.get $out) (local.get $xo)) (i32.add (local.get $src) (local.get $to))
                                          (local.get $dy) (local.get $cb)))
                        (else (call $madd (i32.add (local.get $out) (local.get $to)) (i32.add (local.get $src) (local.get $xo))
                                          (local.get $dy) (local.get $cb))))))
                  (local.set $j (i32.add (local.get $j) (i32.const 1)))
                  (br $j_loop)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $i_loop)))
          (local.set $dy (i32.add (local.get $dy) (local.get $cb)))
          (local.set $xx (i32.add (local.get $xx) (i32.const 1)))
          (br $x_loop)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $y_loop)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $b_loop))))

  ;; rows runs of `run` bytes (a multiple of 4): run r copies [src + r*srcStride, + run) to
  ;; [dst + r*dstStride, + run). Slice, SplitV and Concat on the innermost axes that differ
  ;; (copy-kernels.ts): a channel block of every pixel, or a cropped row of a map, per run.
  (func (export "copy_rows") (param $src i32) (param $dst i32) (param $rows i32) (param $run i32)
        (param $srcStride i32) (param $dstStride i32)
    (local $r i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
      (call $copy (local.get $dst) (local.get $src) (local.get $run))
      (local.set $src (i32.add (local.get $src) (local.get $srcStride)))
      (local.set $dst (i32.add (local.get $dst) (local.get $dstStride)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $next))))

  ;; dz[i] = lo <= x[i] <= hi ? dy[i] : 0 for i < n (the gradient of ClipByValue, ReLU6's op,
  ;; with tfjs-core's inclusive bounds; a NaN x gives 0 as there). Four lanes at a time.
  (func (export "clip_mask") (param $dy i32) (param $x i32) (param $dz i32) (param $n i32) (param $lo f32) (param $hi f32)
    (local $end i32) (local $vlo v128) (local $vhi v128) (local $v f32)
    (local.set $vlo (f32x4.splat (local.get $lo)))
    (local.set $vhi (f32x4.splat (local.get $hi)))
    (local.set $end (i32.add (local.get $dy) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done
      (loop $vec
        (br_if $done (i32.ge_u (local.get $dy) (local.get $end)))
        (v128.store (local.get $dz)
          (v128.and (v128.load (local.get $dy))
                    (v128.and (f32x4.ge (v128.load (local.get $x)) (local.get $vlo))
                              (f32x4.le (v128.load (local.get $x)) (local.get $vhi)))))
        (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $dz (i32.add (local.get $dz) (i32.const 16)))
        (br $vec)))
    (local.set $end (i32.add (local.get $dy) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 2))))
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $dy) (local.get $end)))
        (local.set $v (f32.load (local.get $x)))
        (f32.store (local.get $dz)
          (select (f32.load (local.get $dy)) (f32.const 0)
                  (i32.and (f32.ge (local.get $v) (local.get $lo)) (f32.le (local.get $v) (local.get $hi)))))
        (local.set $dy (i32.add (local.get $dy) (i32.const 4)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $dz (i32.add (local.get $dz) (i32.const 4)))
        (br $tail))))
)
