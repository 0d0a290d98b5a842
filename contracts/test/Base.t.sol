// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {AdMarket} from "../src/AdMarket.sol";
import {HexToken} from "../src/HexToken.sol";
import {Plots} from "../src/Plots.sol";

/// @dev Shared fixture: the three contracts wired as the deploy script wires them, funded users.
abstract contract Base is Test {
    HexToken internal token;
    Plots internal plots;
    AdMarket internal market;

    address internal admin = makeAddr("admin");
    address internal treasury = makeAddr("treasury");
    address internal settler = makeAddr("settler");
    address internal guardian = makeAddr("guardian");
    address internal alice;
    uint256 internal aliceKey;
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");

    uint256 internal constant PRICE = 10e18;
    uint256 internal constant MIN_CPC = 0.01e18;
    // Real res-7 cells (h3-js latLngToCell): Paris, and six of its neighbours.
    uint256 internal constant PARIS = 0x871fb4662ffffff;

    function setUp() public virtual {
        (alice, aliceKey) = makeAddrAndKey("alice");
        token = new HexToken(treasury);
        plots = new Plots(token, admin, treasury, PRICE);
        market = new AdMarket(token, admin, treasury, settler, guardian, MIN_CPC, 0);
        address[3] memory users = [alice, bob, carol];
        for (uint256 i; i < users.length; ++i) {
            vm.prank(treasury);
            token.transfer(users[i], 1_000_000e18);
            vm.startPrank(users[i]);
            token.approve(address(plots), type(uint256).max);
            token.approve(address(market), type(uint256).max);
            vm.stopPrank();
        }
    }

    /// @dev A valid res-7 cell derived from `i`: Paris's base cell with digits from `i` (0-6 each).
    function cellAt(uint256 i) internal pure returns (uint256) {
        uint256 digits;
        for (uint256 d; d < 7; ++d) {
            digits = (digits << 3) | (i % 7);
            i /= 7;
        }
        return
            (uint256(0x08) << 56) | (uint256(7) << 52) | (uint256(15) << 45) | (digits << 24)
                | ((1 << 24) - 1);
    }

    /// @dev `n` distinct valid res-7 cells, `cellAt(10)` onwards.
    function _cells(uint256 n) internal pure returns (uint256[] memory cells) {
        cells = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            cells[i] = cellAt(i + 10);
        }
    }

    function permitSig(uint256 key, address spender, uint256 value, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        address owner = vm.addr(key);
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(
                    "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
                ),
                owner,
                spender,
                value,
                token.nonces(owner),
                deadline
            )
        );
        return vm.sign(key, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
    }
}
