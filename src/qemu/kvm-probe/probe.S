/* KVM probe: a 512-byte boot sector that enters 64-bit long mode, prints a marker on COM1
   and exits QEMU through isa-debug-exit. Built by scripts/build-kvm-probe.sh into kvm-probe-image.ts. */
    .code16
    .globl _start
_start:
    cli
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $0x7c00, %sp
    /* page tables at 0x1000: PML4, 0x2000 PDPT, 0x3000 PD (2 MiB page) */
    mov $0x1000, %di
    mov $0x3000, %cx
    xor %ax, %ax
    rep stosw
    movl $0x2003, 0x1000
    movl $0x3003, 0x2000
    movl $0x0083, 0x3000
    lgdt gdtr
    mov $0x1000, %eax
    mov %eax, %cr3
    mov %cr4, %eax
    or $0x20, %eax          /* PAE */
    mov %eax, %cr4
    mov $0xC0000080, %ecx   /* EFER */
    rdmsr
    or $0x100, %eax         /* LME */
    wrmsr
    mov %cr0, %eax
    or $0x80000001, %eax    /* PG | PE */
    mov %eax, %cr0
    ljmp $0x08, $long_mode
    .code64
long_mode:
    lea msg(%rip), %rsi
    mov $0x3f8, %dx
1:  lodsb
    test %al, %al
    jz 2f
    out %al, %dx
    jmp 1b
2:  mov $0xf4, %dx          /* isa-debug-exit (iobase 0xf4): QEMU exits at once */
    mov $0x10, %al
    out %al, %dx
3:  hlt
    jmp 3b
msg: .asciz "SOLSTICE-KVM-OK\n"
    .balign 8
gdt: .quad 0
    .quad 0x00209A0000000000  /* 64-bit code */
gdtr: .word gdtr - gdt - 1
    .long gdt
    .org 510
    .byte 0x55, 0xaa
